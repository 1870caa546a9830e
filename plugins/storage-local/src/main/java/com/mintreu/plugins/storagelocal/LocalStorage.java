package com.mintreu.plugins.storagelocal;

import com.mintreu.api.PluginContext;
import com.mintreu.api.storage.ObjectContent;
import com.mintreu.api.storage.StorageBackend;
import com.mintreu.api.storage.StorageException;
import com.mintreu.api.storage.StorageException.Reason;
import com.mintreu.api.storage.StorageKey;
import com.mintreu.api.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Objects as files: {@code <root>/objects/<key>} holds the bytes and {@code <root>/sha256/<key>}
 * the digest computed while writing, so {@link #stat} never re-reads a large file. A put streams
 * into {@code <root>/tmp/} and becomes visible with one atomic rename, so readers see the old or
 * the new object and an over-size or failed put leaves nothing behind.
 */
@Extension
public final class LocalStorage implements StorageBackend {

    /** The id the engine selects this backend by. */
    public static final String ID = "storage-local";

    private static final int BUFFER = 64 * 1024;
    // writers of the same key take the same lock, so the digest file always matches the object file
    private final Object[] locks = new Object[64];

    private Path objects;
    private Path hashes;
    private Path tmp;
    private boolean fsync;

    /** Used by PF4J; the root comes from the config at {@link #start}. */
    public LocalStorage() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** A started instance on {@code root}, for embedding and tests without a plugin host. */
    public LocalStorage(Path root, boolean fsync) throws IOException {
        this();
        open(root, fsync);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return LocalStorageConfig.class;
    }

    @Override
    public void start(PluginContext ctx) throws IOException {
        LocalStorageConfig config = ctx.config(LocalStorageConfig.class);
        boolean blank = config.root() == null || config.root().toString().isBlank();
        Path root = blank ? ctx.dataDir().resolve("storage") : config.root();
        open(root, config.fsync());
        ctx.logger().info("storing objects in {}", root.toAbsolutePath());
    }

    private void open(Path root, boolean fsyncWrites) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        this.objects = Files.createDirectories(base.resolve("objects"));
        this.hashes = Files.createDirectories(base.resolve("sha256"));
        this.tmp = Files.createDirectories(base.resolve("tmp"));
        this.fsync = fsyncWrites;
    }

    @Override
    public StoredObject put(String key, InputStream data, long maxBytes) {
        Path target = resolve(objects, key);
        Path hashFile = resolve(hashes, key);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        Path part = null;
        try {
            part = Files.createTempFile(tmp, "put-", ".part");
            MessageDigest sha = sha256();
            long size = copy(data, part, sha, maxBytes, key);
            String hex = HexFormat.of().formatHex(sha.digest());
            synchronized (lockFor(key)) {
                Files.createDirectories(target.getParent());
                Files.createDirectories(hashFile.getParent());
                writeAtomically(hashFile, hex);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new StoredObject(key, size, hex);
        } catch (IOException e) {
            throw new StorageException(Reason.IO, "cannot store '" + key + "': " + e, e);
        } finally {
            deleteQuietly(part);
        }
    }

    @Override
    public Optional<ObjectContent> get(String key) {
        Path target = resolve(objects, key);
        synchronized (lockFor(key)) {
            Optional<StoredObject> object = stat(key);
            if (object.isEmpty()) {
                return Optional.empty();
            }
            try {
                // an open file survives a later replace or delete of its name, so the stream stays consistent
                return Optional.of(new ObjectContent(object.get(), Files.newInputStream(target)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StorageException(Reason.IO, "cannot read '" + key + "': " + e, e);
            }
        }
    }

    @Override
    public boolean delete(String key) {
        Path target = resolve(objects, key);
        Path hashFile = resolve(hashes, key);
        synchronized (lockFor(key)) {
            try {
                boolean existed = Files.deleteIfExists(target);
                Files.deleteIfExists(hashFile);
                return existed;
            } catch (IOException e) {
                throw new StorageException(Reason.IO, "cannot delete '" + key + "': " + e, e);
            }
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(objects, key));
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path target = resolve(objects, key);
        Path hashFile = resolve(hashes, key);
        synchronized (lockFor(key)) {
            if (!Files.isRegularFile(target)) {
                return Optional.empty();
            }
            try {
                long size = Files.size(target);
                String hex;
                if (Files.isRegularFile(hashFile)) {
                    hex = Files.readString(hashFile, StandardCharsets.US_ASCII).strip();
                } else {
                    // objects copied in by hand have no digest yet: compute it once and keep it
                    hex = digestOf(target);
                    Files.createDirectories(hashFile.getParent());
                    writeAtomically(hashFile, hex);
                }
                return Optional.of(new StoredObject(key, size, hex));
            } catch (IOException e) {
                throw new StorageException(Reason.IO, "cannot stat '" + key + "': " + e, e);
            }
        }
    }

    private long copy(InputStream data, Path part, MessageDigest sha, long maxBytes, String key) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(channel)) {
            while (true) {
                long remaining = maxBytes - size;
                // read at most one byte past the limit: enough to know it is exceeded, never more
                int want = remaining >= buffer.length ? buffer.length : (int) remaining + 1;
                int n = data.read(buffer, 0, want);
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw new StorageException(Reason.TOO_LARGE, "object '" + key + "' is larger than the limit of " + maxBytes + " bytes");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            if (fsync) {
                channel.force(true);
            }
        }
        return size;
    }

    private void writeAtomically(Path file, String content) throws IOException {
        Path part = Files.createTempFile(tmp, "sha-", ".part");
        try {
            Files.writeString(part, content, StandardCharsets.US_ASCII);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteQuietly(part);
        }
    }

    private static String digestOf(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Checks the key, then checks again that the path stayed under the folder (defence in depth). */
    private Path resolve(Path folder, String key) {
        if (folder == null) {
            throw new IllegalStateException("storage-local is not started");
        }
        Path path = folder.resolve(StorageKey.check(key)).normalize();
        if (!path.startsWith(folder) || path.equals(folder)) {
            throw new StorageException(Reason.INVALID_KEY, "invalid storage key '" + key + "': leaves the storage folder");
        }
        return path;
    }

    private Object lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover .part file in tmp/ is harmless and is never visible as an object
        }
    }
}
