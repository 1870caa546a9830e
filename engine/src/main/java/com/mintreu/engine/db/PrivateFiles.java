package com.mintreu.engine.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Folders and files the engine creates for its data (the SQLite database, plugin data folders such
 * as local storage): folders 0700 and files 0600 on POSIX systems, so another account on the
 * machine cannot read orders, password hashes or a master secret kept in the database. Existing
 * folders and files are left as their owner set them.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates {@code dir} and any missing parents, each new one 0700. */
    public static Path directories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, attributes("rwx------"));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another thread or node; its owner's choice stands
            }
        }
        return dir;
    }

    /** Creates an empty file 0600 unless it exists (SQLite then creates its -wal and -shm files with the same mode). */
    public static void file(Path file) throws IOException {
        try {
            Files.createFile(file, attributes("rw-------"));
        } catch (FileAlreadyExistsException e) {
            // an existing database keeps its mode
        }
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
