package com.mintreu.licenseclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The machine actions and check-in against the fake engine: what each sends where, what it reads
 * back, and that their answers get the same trust checks as validate's and never come from the cache.
 */
class MachineActionsTest {

    final FakeEngine engine = new FakeEngine();
    final ObjectMapper json = new ObjectMapper();

    MachineActionsTest() throws Exception {}

    @AfterEach
    void stop() {
        engine.close();
    }

    LicenseClient client() {
        return LicenseClient.builder().baseUrl(engine.baseUrl()).build();
    }

    static Stream<Named<Function<LicenseClient, MachineAction>>> calls() {
        return Stream.of(
                Named.of("activate", c -> c.activate("KEY", "fp-1", MachineInfo.NONE)),
                Named.of("deactivate", c -> c.deactivate("KEY", "fp-1")),
                Named.of("heartbeat", c -> c.heartbeat("KEY", "fp-1")),
                Named.of("machines", c -> c.machines("KEY")),
                Named.of("checkIn", c -> c.checkIn("KEY")));
    }

    @Test
    void activateSendsTheMachineAndReadsWhatTheEngineHolds() throws Exception {
        MachineInfo info = MachineInfo.NONE.withName("Office").withPlatform("Linux/amd64").withHostname("ws-1").withCores(8);
        MachineAction a = client().activate("KEY", "fp-1", info);

        FakeEngine.Received r = engine.received.getFirst();
        assertThat(r.path()).isEqualTo("/api/v1/licenses/machines/activate");
        JsonNode sent = json.readTree(r.body());
        assertThat(sent.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("key", "fingerprint", "name", "platform", "hostname", "cores", "nonce");
        assertThat(sent.get("fingerprint").asText()).isEqualTo("fp-1");
        assertThat(sent.get("cores").asInt()).isEqualTo(8);
        assertThat(sent.get("nonce").asText()).isEqualTo(r.nonce()).hasSize(32);

        assertThat(a.ok()).isTrue();
        assertThat(a.code()).isEqualTo("ACTIVATED");
        assertThat(a.detail()).isEqualTo("done");
        assertThat(a.serverTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(a.machine()).contains(new MachineAction.Machine("mch_1", "fp-1", "Office", "Linux/amd64", "ws-1", 8,
                Instant.ofEpochMilli(1767225600000L), Instant.ofEpochMilli(1767229200000L)));
        assertThat(a.machines()).isEmpty();
        Validation.License l = a.license().orElseThrow();
        assertThat(l.machines()).isEqualTo(1);
        assertThat(l.maxMachines()).isEqualTo(2);
        assertThat(l.users()).isEqualTo(1);
        assertThat(l.maxUsers()).hasValue(3);
        assertThat(l.expiresAt()).isEmpty();
    }

    @Test
    void fieldsNotGivenAreNotSentAndEachCallHasItsRouteAndShape() throws Exception {
        LicenseClient c = client();
        c.activate("KEY", "fp-1", MachineInfo.NONE.withName("Office"));
        c.activate("KEY", "fp-1", null);
        assertThat(c.deactivate("KEY", "fp-1").code()).isEqualTo("DEACTIVATED");
        assertThat(c.heartbeat("KEY", "fp-1").code()).isEqualTo("HEARTBEAT_OK");
        MachineAction listed = c.machines("KEY");
        assertThat(c.checkIn("KEY").code()).isEqualTo("CHECKED_IN");

        assertThat(engine.received).extracting(FakeEngine.Received::path).containsExactly(LicenseClient.ACTIVATE, LicenseClient.ACTIVATE,
                LicenseClient.DEACTIVATE, LicenseClient.HEARTBEAT, LicenseClient.LIST, LicenseClient.CHECK_IN);
        assertThat(fields(0)).containsExactlyInAnyOrder("key", "fingerprint", "name", "nonce");
        assertThat(fields(1)).containsExactlyInAnyOrder("key", "fingerprint", "nonce");
        assertThat(fields(2)).containsExactlyInAnyOrder("key", "fingerprint", "nonce");
        assertThat(fields(3)).containsExactlyInAnyOrder("key", "fingerprint", "nonce");
        assertThat(fields(4)).containsExactlyInAnyOrder("key", "nonce");
        assertThat(fields(5)).containsExactlyInAnyOrder("key", "nonce");
        // a fresh nonce every time
        assertThat(engine.received.stream().map(FakeEngine.Received::nonce).distinct()).hasSize(6);

        assertThat(listed.code()).isEqualTo("LISTED");
        assertThat(listed.machine()).isEmpty();
        assertThat(listed.machines()).extracting(MachineAction.Machine::fingerprint).containsExactly("fp-1", "fp-2");
        // the engine writes null for what an activation did not say
        MachineAction.Machine bare = listed.machines().get(1);
        assertThat(bare.name()).isNull();
        assertThat(bare.cores()).isNull();
    }

    @Test
    void refusalsAreAnswersNotExceptions() {
        engine.actions.put(LicenseClient.ACTIVATE, "{\"ok\":false,\"code\":\"TOO_MANY_MACHINES\",\"detail\":\"the license is activated on 2 of 2\","
                + "\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\",\"license\":{\"id\":\"lic_1\",\"status\":\"active\",\"product\":\"prd_1\","
                + "\"entitlements\":[],\"machines\":2,\"maxMachines\":2}}");
        engine.actions.put(LicenseClient.HEARTBEAT, "{\"ok\":false,\"code\":\"NOT_FOUND\",\"detail\":\"no license has this key\",\"nonce\":\"%s\","
                + "\"ts\":\"2026-01-01T00:00:00Z\"}");
        MachineAction refused = client().activate("KEY", "fp-3", MachineInfo.NONE);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.code()).isEqualTo("TOO_MANY_MACHINES");
        assertThat(refused.machine()).isEmpty();
        assertThat(refused.license().orElseThrow().machines()).isEqualTo(2);
        MachineAction unknown = client().heartbeat("KEY", "fp-1");
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.license()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aFlippedBodyByteIsRejected(Function<LicenseClient, MachineAction> call) {
        engine.inTransit = b -> {
            b[10] ^= 1;
            return b;
        };
        assertReason(call, LicenseClientException.Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerSignedByAnotherKeyIsRejected(Function<LicenseClient, MachineAction> call) {
        LicenseClient pinned = LicenseClient.builder().baseUrl(engine.baseUrl())
                .publicKeysJwks(engine.jwks().replace("\"kid\":\"eng\"", "\"kid\":\"old\"")).build();
        assertThatThrownBy(() -> call.apply(pinned)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNKNOWN_KEY));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerSignedForAnotherNonceIsRejected(Function<LicenseClient, MachineAction> call) {
        engine.signedNonce = "someone-elses-nonce";
        engine.echoedNonce = "someone-elses-nonce";
        assertReason(call, LicenseClientException.Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aBodyEchoingAnotherNonceIsRejected(Function<LicenseClient, MachineAction> call) {
        engine.echoedNonce = "replayed";
        assertReason(call, LicenseClientException.Reason.NONCE_MISMATCH);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerFromAnotherTimeIsRejected(Function<LicenseClient, MachineAction> call) {
        LicenseClient late = LicenseClient.builder().baseUrl(engine.baseUrl())
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))).build();
        assertThatThrownBy(() -> call.apply(late)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.CLOCK_SKEW));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aSignedErrorStatusIsNotAnAnswer(Function<LicenseClient, MachineAction> call) {
        engine.status = 415;
        assertThatThrownBy(() -> call.apply(client())).isInstanceOfSatisfying(LicenseClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.MALFORMED);
            assertThat(e.getMessage()).contains("HTTP 415");
        });
    }

    @Test
    void aSignedAnswerOfAnotherShapeIsMalformed() {
        engine.actions.put(LicenseClient.CHECK_IN, "{\"valid\":true,\"code\":\"VALID\",\"nonce\":\"%s\"}");
        engine.actions.put(LicenseClient.LIST, FakeEngine.action("LISTED", ",\"machines\":[{\"id\":\"mch_1\"}]"));
        assertReason(c -> c.checkIn("KEY"), LicenseClientException.Reason.MALFORMED);
        assertReason(c -> c.machines("KEY"), LicenseClientException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void actionsAreNeverServedFromTheCacheNorWrittenToIt(Function<LicenseClient, MachineAction> call, @TempDir Path dir) throws Exception {
        Path cache = dir.resolve("license.cache");
        LicenseClient c = LicenseClient.builder().baseUrl(engine.baseUrl()).cacheFile(cache).build();
        c.validate("KEY", Scope.NONE);
        String cached = Files.readString(cache);
        call.apply(c);
        assertThat(Files.readString(cache)).isEqualTo(cached);

        engine.close();
        assertThat(c.validate("KEY", Scope.NONE).stale()).isTrue();
        assertThatThrownBy(() -> call.apply(c)).isInstanceOfSatisfying(LicenseClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE);
            assertThat(e.getMessage()).contains(engine.baseUrl() + "/api/v1/licenses/").contains("may or may not have happened");
        });
    }

    @Test
    void describeThisMachineFitsTheEnginesLimits() {
        MachineInfo m = Machines.describeThisMachine();
        assertThat(m.name()).isNull();
        assertThat(m.platform()).startsWith(System.getProperty("os.name")).endsWith("/" + System.getProperty("os.arch")).hasSizeLessThanOrEqualTo(64);
        assertThat(m.cores()).isBetween(1, 1024).isEqualTo(Math.min(1024, Runtime.getRuntime().availableProcessors()));
        if (m.hostname() != null) {
            assertThat(m.hostname()).isNotBlank().hasSizeLessThanOrEqualTo(255).doesNotContainPattern("\\p{Cc}");
        }
        assertThat(m.withName("Office").name()).isEqualTo("Office");
    }

    private List<String> fields(int request) throws Exception {
        return json.readTree(engine.received.get(request).body()).properties().stream().map(e -> e.getKey()).toList();
    }

    private void assertReason(Function<LicenseClient, MachineAction> call, LicenseClientException.Reason reason) {
        assertThatThrownBy(() -> call.apply(client())).isInstanceOfSatisfying(LicenseClientException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
