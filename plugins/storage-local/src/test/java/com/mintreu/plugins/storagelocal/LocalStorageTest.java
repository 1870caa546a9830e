package com.mintreu.plugins.storagelocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.storage.ObjectContent;
import com.mintreu.api.storage.StorageException;
import com.mintreu.api.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalStorageTest {

    @TempDir
    Path root;

    LocalStorage storage;

    @BeforeEach
    void open() throws IOException {
        storage = new LocalStorage(root, false);
    }

    @Test
    void roundTripKeepsBytesSizeAndSha256() throws Exception {
        byte[] data = new byte[200_000];
        new Random(42).nextBytes(data);

        StoredObject stored = storage.put("releases/prd_1/app-1.0.zip", new ByteArrayInputStream(data), data.length);

        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(stored.sha256()).isEqualTo(sha256(data));
        try (ObjectContent content = storage.get("releases/prd_1/app-1.0.zip").orElseThrow()) {
            assertThat(content.stream().readAllBytes()).isEqualTo(data);
            assertThat(content.object()).isEqualTo(stored);
        }
        assertThat(storage.stat("releases/prd_1/app-1.0.zip")).contains(stored);
    }

    @Test
    void sha256OfKnownInput() {
        StoredObject stored = storage.put("abc.txt", text("abc"), 3);
        assertThat(stored.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void overSizeInputIsRejectedAndLeavesNothing() throws IOException {
        assertThatThrownBy(() -> storage.put("big.bin", new ByteArrayInputStream(new byte[1001]), 1000))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.TOO_LARGE))
                .hasMessageContaining("big.bin");

        assertThat(storage.exists("big.bin")).isFalse();
        assertThat(storage.stat("big.bin")).isEmpty();
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void overSizeReplacementKeepsTheOldObject() {
        StoredObject old = storage.put("doc.txt", text("old"), 10);
        assertThatThrownBy(() -> storage.put("doc.txt", text("far too long for the limit"), 10)).isInstanceOf(StorageException.class);
        assertThat(storage.stat("doc.txt")).contains(old);
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        assertThat(storage.put("edge.bin", new ByteArrayInputStream(new byte[1000]), 1000).size()).isEqualTo(1000);
    }

    @Test
    void readsNoMoreThanOneBytePastTheLimit() {
        CountingStream endless = new CountingStream();
        assertThatThrownBy(() -> storage.put("endless", endless, 100_000)).isInstanceOf(StorageException.class);
        assertThat(endless.read).isEqualTo(100_001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../../escape", "/etc/passwd", "a//b", "a/", ".hidden", "a/./b", "a\\b", "", "ü.txt", "..", "a/.."})
    void pathTraversalAndOddKeysAreRejected(String key) {
        assertThatThrownBy(() -> storage.put(key, text("x"), 10))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).reason()).isEqualTo(StorageException.Reason.INVALID_KEY));
        assertThatThrownBy(() -> storage.get(key)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.delete(key)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.exists(key)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.stat(key)).isInstanceOf(StorageException.class);
        assertThat(Files.exists(root.getParent().resolve("escape"))).isFalse();
    }

    @Test
    void deleteAndExists() {
        assertThat(storage.exists("a/b.txt")).isFalse();
        assertThat(storage.delete("a/b.txt")).isFalse();

        storage.put("a/b.txt", text("hello"), 100);
        assertThat(storage.exists("a/b.txt")).isTrue();

        assertThat(storage.delete("a/b.txt")).isTrue();
        assertThat(storage.exists("a/b.txt")).isFalse();
        assertThat(storage.get("a/b.txt")).isEmpty();
        assertThat(storage.delete("a/b.txt")).isFalse();
    }

    @Test
    void putReplacesAnExistingObject() {
        storage.put("k", text("one"), 10);
        StoredObject second = storage.put("k", text("second"), 10);
        assertThat(storage.stat("k")).contains(second);
    }

    @Test
    void statComputesTheDigestOfAFileCopiedInByHand() throws Exception {
        Files.writeString(root.resolve("objects").resolve("manual.txt"), "abc");
        assertThat(storage.stat("manual.txt").orElseThrow().sha256()).isEqualTo(sha256("abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noPresignedUrls() {
        assertThat(storage.presignedUrl("k", java.time.Duration.ofMinutes(1))).isEmpty();
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static java.util.List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** An endless stream of zeros that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            read += len;
            return len;
        }
    }
}
