package com.mintreu.plugins.meterredis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The meter's Lua scripts, with the SHA-1 Redis knows them by (EVALSHA sends only that). */
enum Script {
    CONSUME("consume.lua"), RECORD("record.lua");

    final String source;
    final String sha;

    Script(String file) {
        try (InputStream in = Script.class.getResourceAsStream("/meter-redis/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + file);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
