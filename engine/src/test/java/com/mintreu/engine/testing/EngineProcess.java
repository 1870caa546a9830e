package com.mintreu.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine in a child JVM (the test's class path, {@code Main serve|demo --config}), so a test
 * can kill it with SIGKILL: no shutdown hook, no graceful close, whatever was in flight is cut off.
 * Its output goes to {@code engine.log} in the folder, which failures quote.
 */
public final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private EngineProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A free port for the child's config: it must know its public URL before it starts. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code yaml} to {@code dir/mintreu.yaml} and runs {@code command} ({@code serve}, {@code demo}) on it; {@code yaml} must listen on {@code port}. */
    public static EngineProcess start(Path dir, int port, String command, String yaml) {
        try {
            Path config = dir.resolve("mintreu.yaml");
            Files.writeString(config, yaml);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dmintreu.home=" + dir, "com.mintreu.engine.Main", command,
                    "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
            return new EngineProcess(p, dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits (up to 90 s) until {@code /readyz} and every one of {@code paths} answer 200; fails at once if the child died. */
    public void awaitReady(String... paths) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("engine died: " + log());
            }
            if (answers200(http, "/readyz") && java.util.Arrays.stream(paths).allMatch(p -> answers200(http, p))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("engine not ready in 90 s: " + log());
    }

    private boolean answers200(HttpClient http, String path) {
        try {
            return http.send(HttpRequest.newBuilder(base().resolve(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("engine survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("engine.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
