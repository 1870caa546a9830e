package com.mintreu.engine.license;

import com.mintreu.engine.license.LicenseFixture.Lic;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: {@code bench/license-validate.sh} runs this main on the engine's test classpath to get
 * a real engine (real license plugins, a temp SQLite file or a PostgreSQL schema) holding one bought
 * license, the same fixture the license tests use, so the benchmark needs no seeding API of its own.
 * Writes {@code base key} to the file named by args[1] and serves until stdin closes.
 */
final class BenchTarget {

    private BenchTarget() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(null);
            Files.writeString(Path.of(args[1]), f.e.base() + " " + lic.key() + "\n");
            while (System.in.read() >= 0) {
                // serve until the script closes our stdin
            }
        }
    }
}
