package com.mintreu.engine.support;

import java.nio.file.Path;

/**
 * A file a user sent with a ticket or reply, spooled to a temporary file by the web layer.
 *
 * @param fileName the name the browser gave it
 * @param path     where its bytes are
 * @param size     bytes
 */
public record Upload(String fileName, Path path, long size) {}
