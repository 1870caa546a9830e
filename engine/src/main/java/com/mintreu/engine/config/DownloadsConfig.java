package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Signed download links. Links are HMACs under a key derived from the master secret and a key id;
 * to rotate, set a new {@code keyId} and move the old one to {@code previousKeyIds} until the
 * links minted with it have expired.
 */
public record DownloadsConfig(
        @Setting(help = "id of the key that signs new download links") String keyId,
        @Setting(help = "ids of retired keys whose links are still accepted") List<String> previousKeyIds,
        @Setting(help = "longest lifetime of a download link (a product may ask for less)") Duration linkTtl) implements Validated {

    public DownloadsConfig {
        previousKeyIds = previousKeyIds == null ? List.of() : List.copyOf(previousKeyIds);
    }

    static DownloadsConfig defaults() {
        return new DownloadsConfig("k1", List.of(), Duration.ofHours(24));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (keyId == null || !keyId.matches("[A-Za-z0-9_-]{1,32}")) {
            out.add(new Problem("keyId", "expected 1 to 32 letters, digits, '_' or '-', got '" + keyId + "'"));
        }
        for (int i = 0; i < previousKeyIds.size(); i++) {
            if (!previousKeyIds.get(i).matches("[A-Za-z0-9_-]{1,32}")) {
                out.add(new Problem("previousKeyIds[" + i + "]", "expected 1 to 32 letters, digits, '_' or '-'"));
            }
        }
        if (linkTtl.isNegative() || linkTtl.isZero()) {
            out.add(new Problem("linkTtl", "must be positive"));
        }
        return out;
    }
}
