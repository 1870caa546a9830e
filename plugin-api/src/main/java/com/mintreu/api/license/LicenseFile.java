package com.mintreu.api.license;

import java.util.Objects;

/**
 * A license as a file the buyer downloads and the licensed software reads offline.
 *
 * @param fileName  a suggested file name, e.g. {@code license.txt}
 * @param mediaType its media type, e.g. {@code text/plain; charset=utf-8}
 * @param content   the file's bytes
 */
public record LicenseFile(String fileName, String mediaType, byte[] content) {

    public LicenseFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        content = content.clone();
    }

    /** A copy of the content (records expose arrays by reference otherwise). */
    @Override
    public byte[] content() {
        return content.clone();
    }
}
