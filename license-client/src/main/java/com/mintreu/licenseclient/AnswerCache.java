package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last verified answer per license key and scope. The file keeps the raw signed answer (not a
 * parsed verdict), so a reader re-verifies it and an edited file is rejected like a forged answer;
 * entries are named by a hash, so the license key is never written down.
 */
final class AnswerCache {

    private final Map<String, SignedAnswer> memory = new ConcurrentHashMap<>();
    private final Path file;
    private final ObjectMapper json;

    AnswerCache(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        if (file != null && Files.exists(file)) {
            load();
        }
    }

    static String keyOf(String licenseKey, String scopeJson) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((licenseKey + "\n" + scopeJson).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<SignedAnswer> get(String key) {
        return Optional.ofNullable(memory.get(key));
    }

    void put(String key, SignedAnswer answer) {
        memory.put(key, answer);
        if (file != null) {
            save();
        }
    }

    private synchronized void save() {
        ObjectNode root = json.createObjectNode();
        memory.forEach((k, a) -> root.putObject(k).put("status", a.status()).put("date", a.date()).put("nonce", a.nonce())
                .put("signature", a.signature()).put("body", Base64.getEncoder().encodeToString(a.body())));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, root.toString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the in-memory cache still works; a read-only disk must not fail a validation
        }
    }

    private void load() {
        try {
            JsonNode root = json.readTree(file.toFile());
            root.fields().forEachRemaining(e -> {
                JsonNode a = e.getValue();
                memory.put(e.getKey(), new SignedAnswer(a.path("status").asInt(), a.path("date").asText(), a.path("nonce").asText(),
                        a.path("signature").asText(), Base64.getDecoder().decode(a.path("body").asText())));
            });
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable cache is an empty cache: the next good answer rewrites it
        }
    }
}
