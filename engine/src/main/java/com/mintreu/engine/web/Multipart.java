package com.mintreu.engine.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted {@code multipart/form-data} form after its CSRF token was checked: text fields and
 * uploaded files, which Undertow spooled to temporary files (deleted when the request ends).
 */
public record Multipart(Form fields, Map<String, FilePart> files) {

    public Multipart {
        files = Map.copyOf(files);
    }

    /** One uploaded file: the browser's file name and content type, and where its bytes are ({@code path} is null for an empty file). */
    public record FilePart(String fileName, String contentType, Path path, long size) {

        /** The file's bytes; an empty file has no spool file, so it reads as an empty stream. */
        public InputStream open() throws IOException {
            return path == null ? InputStream.nullInputStream() : Files.newInputStream(path);
        }
    }

    public Optional<FilePart> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
