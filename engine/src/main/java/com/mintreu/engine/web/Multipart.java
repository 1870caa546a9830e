package com.mintreu.engine.web;

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

    /** One uploaded file: the browser's file name and content type, and where its bytes are. */
    public record FilePart(String fileName, String contentType, Path path, long size) {}

    public Optional<FilePart> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
