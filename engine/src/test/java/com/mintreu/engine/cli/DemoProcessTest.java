package com.mintreu.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mintreu demo} as a real process, the way {@code ./run} starts it: ready only once the shop
 * is seeded, listening on loopback only when no host is configured, serving the theme's favicon,
 * and stopping cleanly on SIGTERM.
 */
class DemoProcessTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void demoIsReadyOnlyWhenSeededListensOnLoopbackAndStopsCleanlyOnSigterm(String kind) throws Exception {
        Path dir = Files.createTempDirectory("mintreu-demo-");
        TestDatabase db = TestDatabase.create(kind, dir);
        Path plugins = BundledTestPlugins.writeTo(dir.resolve("plugins"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("mintreu.yaml");
        // no server.host: the demo decides (loopback)
        Files.writeString(config, """
                server: {port: %d, publicUrl: 'http://127.0.0.1:%d', accessLog: false}
                database: {url: '%s'}
                engine: {dataDir: '%s', pluginsDir: '%s'}
                """.formatted(port, port, db.jdbcUrl(), dir.resolve("data"), plugins));
        Path log = dir.resolve("engine.log");
        Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmintreu.home=" + dir, "com.mintreu.engine.Main", "demo", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            waitUntilReady(http, base, engine, log);
            assertThat(status(http, base.resolve("/api/v1/products/starter-wallpapers")))
                    .as("the first 200 from /readyz comes after the demo shop is seeded").isEqualTo(200);

            HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(base.resolve("/favicon.ico")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
            assertThat(icon.body()).isNotEmpty();

            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                try (Socket s = new Socket()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(new InetSocketAddress(outside.get(), port), 2000))
                            .as("demo must not listen on %s", outside.get()).isInstanceOf(ConnectException.class);
                }
            }
        } finally {
            engine.destroy(); // SIGTERM
            boolean stopped = engine.waitFor(30, TimeUnit.SECONDS);
            if (!stopped) {
                engine.destroyForcibly();
            }
            db.cleanup().run();
            assertThat(stopped).as("SIGTERM stops the demo").isTrue();
        }
        assertThat(Files.readString(log)).as("the log of a clean SIGTERM shutdown").doesNotContain("Exception").doesNotContain("Shutdown in progress")
                .as("the demo's history was booked before ready").contains("demo history booked in");
    }

    /** A signal while the demo is still seeding (readyz 503) stops it cleanly too: the hook exists before start-up. */
    @ParameterizedTest
    @MethodSource("kinds")
    void sigtermDuringSeedingStopsCleanly(String kind) throws Exception {
        Path dir = Files.createTempDirectory("mintreu-demo-");
        TestDatabase db = TestDatabase.create(kind, dir);
        Path plugins = BundledTestPlugins.writeTo(dir.resolve("plugins"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("mintreu.yaml");
        Files.writeString(config, """
                server: {port: %d, publicUrl: 'http://127.0.0.1:%d', accessLog: false}
                database: {url: '%s'}
                engine: {dataDir: '%s', pluginsDir: '%s'}
                """.formatted(port, port, db.jdbcUrl(), dir.resolve("data"), plugins));
        Path log = dir.resolve("engine.log");
        Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmintreu.home=" + dir, "com.mintreu.engine.Main", "demo", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (seen == 0 && engine.isAlive() && System.nanoTime() < deadline) {
            try {
                seen = status(http, URI.create("http://127.0.0.1:" + port + "/readyz"));
            } catch (IOException notYet) {
                Thread.sleep(5);
            }
        }
        engine.destroy(); // SIGTERM, most likely while seeding
        boolean stopped = engine.waitFor(30, TimeUnit.SECONDS);
        if (!stopped) {
            engine.destroyForcibly();
        }
        db.cleanup().run();
        assertThat(stopped).as("SIGTERM stops the demo").isTrue();
        assertThat(Files.readString(log)).as("signalled at readyz %d", seen).doesNotContain("Exception");
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void waitUntilReady(HttpClient http, URI base, Process engine, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(engine.isAlive()).as(() -> "engine died: " + read(log)).isTrue();
            try {
                int s = status(http, base.resolve("/readyz"));
                if (s == 200) {
                    return;
                }
                assertThat(s).as("/readyz before ready").isEqualTo(503);
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("demo not ready in 90 s: " + read(log));
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
