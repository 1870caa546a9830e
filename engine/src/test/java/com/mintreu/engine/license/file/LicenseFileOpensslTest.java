package com.mintreu.engine.license.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the verification commands of license/README-signatures.md exactly as written (the block after
 * {@code <!-- test: verify-file -->}) against a real file and the published PEM key, so the README
 * cannot drift from the format. Needs openssl 3 and a POSIX shell; under CI a missing openssl fails.
 */
class LicenseFileOpensslTest {

    static final Path README = Path.of("src/main/java/com/mintreu/engine/license/README-signatures.md");

    @Test
    void theDocumentedOpensslCommandsVerifyAFileAndRejectATamperedOne(@TempDir Path dir) throws Exception {
        boolean openssl = runs(dir, "openssl version");
        if (System.getenv("CI") != null) {
            assertThat(openssl).as("openssl must be installed under CI: this test may not be skipped").isTrue();
        }
        assumeTrue(openssl, "openssl is not installed");
        String script = documentedBlock();
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("license-openssl-plugins-"));
        try (TestEngine e = TestEngine.boot("sqlite", "engine: {pluginsDir: '" + plugins + "'}\n")) {
            TestUsers.User owner = TestUsers.signIn(e);
            var license = LicenseFixture.issue(e, owner.id(), "license-ed25519", null);
            Response file = owner.client().post("/api/v1/licenses/" + license.id() + "/file", null, "");
            assertThat(file.status()).isEqualTo(200);
            JsonNode envelope = LicenseFileTest.envelope(file.body());
            Response pem = e.client().get("/api/v1/licenses/keys/" + envelope.get("kid").asText() + "/pem");
            assertThat(pem.status()).isEqualTo(200);
            Files.writeString(dir.resolve("key.pem"), pem.body());

            Files.writeString(dir.resolve("license.lic"), file.body());
            Result ok = run(dir, script);
            assertThat(ok.exit()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("Signature Verified Successfully");
            JsonNode payload = new ObjectMapper().readTree(dir.resolve("payload.json").toFile());
            assertThat(payload.get("license").get("id").asText()).isEqualTo(license.id());

            // the same file with one payload byte changed: a new data (re-armored), the old sig
            String data = envelope.get("data").asText();
            String forged = new String(java.util.Base64.getDecoder().decode(data), StandardCharsets.UTF_8).replace("active", "Active");
            ((com.fasterxml.jackson.databind.node.ObjectNode) envelope).put("data",
                    java.util.Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
            String armored = LicenseFiles.BEGIN + "\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(new ObjectMapper().writeValueAsBytes(envelope)) + "\n" + LicenseFiles.END + "\n";
            Files.writeString(dir.resolve("license.lic"), armored);
            Result bad = run(dir, script);
            assertThat(bad.exit()).as(bad.output()).isNotZero();
            assertThat(bad.output()).doesNotContain("Signature Verified Successfully");
        }
    }

    /** The sh block right after the marker in the README. */
    static String documentedBlock() throws IOException {
        String readme = Files.readString(README);
        int marker = readme.indexOf("<!-- test: verify-file -->");
        assertThat(marker).as("marker in " + README).isNotNegative();
        int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        return "set -e\n" + readme.substring(start, end);
    }

    record Result(int exit, String output) {}

    static Result run(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    static boolean runs(Path dir, String command) {
        try {
            return run(dir, command).exit() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
