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
 * The seat actions against the fake engine (what each sends where, what it reads back, the same trust
 * checks as validate's, never from the cache), and validation with {@code scope.user}: sent, and
 * part of the cache key.
 */
class SeatActionsTest {

    static final String ANN = "Ann@Example.com";

    final FakeEngine engine = new FakeEngine();
    final ObjectMapper json = new ObjectMapper();

    SeatActionsTest() throws Exception {}

    @AfterEach
    void stop() {
        engine.close();
    }

    LicenseClient client() {
        return LicenseClient.builder().baseUrl(engine.baseUrl()).build();
    }

    static Stream<Named<Function<LicenseClient, SeatAction>>> calls() {
        return Stream.of(
                Named.of("claimSeat", c -> c.claimSeat("KEY", ANN)),
                Named.of("releaseSeat", c -> c.releaseSeat("KEY", ANN)),
                Named.of("seats", c -> c.seats("KEY")));
    }

    @Test
    void claimSeatSendsTheUserAndReadsTheSeat() throws Exception {
        SeatAction a = client().claimSeat("KEY", ANN);

        FakeEngine.Received r = engine.received.getFirst();
        assertThat(r.path()).isEqualTo("/api/v1/licenses/users/add");
        JsonNode sent = json.readTree(r.body());
        assertThat(fields(0)).containsExactlyInAnyOrder("key", "user", "nonce");
        assertThat(sent.get("user").asText()).isEqualTo(ANN);
        assertThat(sent.get("nonce").asText()).isEqualTo(r.nonce()).hasSize(32);

        assertThat(a.ok()).isTrue();
        assertThat(a.code()).isEqualTo("SEAT_CLAIMED");
        assertThat(a.detail()).isEqualTo("done");
        assertThat(a.serverTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(a.seat()).contains(new SeatAction.Seat("lus_1", ANN, Instant.ofEpochMilli(1767225600000L)));
        assertThat(a.seats()).isEmpty();
        Validation.License l = a.license().orElseThrow();
        assertThat(l.users()).isEqualTo(1);
        assertThat(l.maxUsers()).hasValue(3);
    }

    @Test
    void eachCallHasItsRouteAndShape() throws Exception {
        LicenseClient c = client();
        c.claimSeat("KEY", ANN);
        SeatAction released = c.releaseSeat("KEY", ANN);
        SeatAction listed = c.seats("KEY");

        assertThat(engine.received).extracting(FakeEngine.Received::path)
                .containsExactly(LicenseClient.USER_ADD, LicenseClient.USER_REMOVE, LicenseClient.USER_LIST);
        assertThat(fields(1)).containsExactlyInAnyOrder("key", "user", "nonce");
        assertThat(fields(2)).containsExactlyInAnyOrder("key", "nonce");
        assertThat(engine.received.stream().map(FakeEngine.Received::nonce).distinct()).hasSize(3);

        assertThat(released.code()).isEqualTo("SEAT_RELEASED");
        assertThat(released.seat()).isEmpty();
        assertThat(listed.code()).isEqualTo("LISTED");
        assertThat(listed.seat()).isEmpty();
        assertThat(listed.seats()).extracting(SeatAction.Seat::user).containsExactly(ANN, "bob");
        assertThat(listed.seats().get(1).createdAt()).isEqualTo(Instant.ofEpochMilli(1767229200000L));
    }

    @Test
    void refusalsAreAnswersNotExceptions() {
        engine.actions.put(LicenseClient.USER_ADD, "{\"ok\":false,\"code\":\"TOO_MANY_USERS\",\"detail\":\"the license's 2 of 2 seats are taken\","
                + "\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\",\"license\":{\"id\":\"lic_1\",\"status\":\"active\",\"product\":\"prd_1\","
                + "\"entitlements\":[],\"machines\":0,\"maxMachines\":1,\"users\":2,\"maxUsers\":2}}");
        engine.actions.put(LicenseClient.USER_REMOVE, "{\"ok\":false,\"code\":\"NOT_FOUND\",\"detail\":\"no license has this key\",\"nonce\":\"%s\","
                + "\"ts\":\"2026-01-01T00:00:00Z\"}");
        SeatAction refused = client().claimSeat("KEY", "carol");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.code()).isEqualTo("TOO_MANY_USERS");
        assertThat(refused.seat()).isEmpty();
        assertThat(refused.license().orElseThrow().users()).isEqualTo(2);
        SeatAction unknown = client().releaseSeat("KEY", ANN);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.license()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aFlippedBodyByteIsRejected(Function<LicenseClient, SeatAction> call) {
        engine.inTransit = b -> {
            b[10] ^= 1;
            return b;
        };
        assertReason(call, LicenseClientException.Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerSignedByAnotherKeyIsRejected(Function<LicenseClient, SeatAction> call) {
        LicenseClient pinned = LicenseClient.builder().baseUrl(engine.baseUrl())
                .publicKeysJwks(engine.jwks().replace("\"kid\":\"eng\"", "\"kid\":\"old\"")).build();
        assertThatThrownBy(() -> call.apply(pinned)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNKNOWN_KEY));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerSignedForAnotherNonceIsRejected(Function<LicenseClient, SeatAction> call) {
        engine.signedNonce = "someone-elses-nonce";
        engine.echoedNonce = "someone-elses-nonce";
        assertReason(call, LicenseClientException.Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aBodyEchoingAnotherNonceIsRejected(Function<LicenseClient, SeatAction> call) {
        engine.echoedNonce = "replayed";
        assertReason(call, LicenseClientException.Reason.NONCE_MISMATCH);
    }

    @ParameterizedTest
    @MethodSource("calls")
    void anAnswerFromAnotherTimeIsRejected(Function<LicenseClient, SeatAction> call) {
        LicenseClient late = LicenseClient.builder().baseUrl(engine.baseUrl())
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).build();
        assertThatThrownBy(() -> call.apply(late)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.CLOCK_SKEW));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aSignedErrorStatusIsNotAnAnswer(Function<LicenseClient, SeatAction> call) {
        engine.status = 415;
        assertThatThrownBy(() -> call.apply(client())).isInstanceOfSatisfying(LicenseClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.MALFORMED);
            assertThat(e.getMessage()).contains("HTTP 415");
        });
    }

    @Test
    void aSignedAnswerOfAnotherShapeIsMalformed() {
        engine.actions.put(LicenseClient.USER_REMOVE, "{\"valid\":true,\"code\":\"VALID\",\"nonce\":\"%s\"}");
        engine.actions.put(LicenseClient.USER_ADD, FakeEngine.action("SEAT_CLAIMED", ",\"user\":{\"id\":\"lus_1\",\"createdAt\":1}"));
        engine.actions.put(LicenseClient.USER_LIST, FakeEngine.action("LISTED", ",\"users\":[{\"id\":\"lus_1\",\"user\":\"bob\"}]"));
        for (Named<Function<LicenseClient, SeatAction>> call : calls().toList()) {
            assertReason(call.getPayload(), LicenseClientException.Reason.MALFORMED);
        }
    }

    @ParameterizedTest
    @MethodSource("calls")
    void actionsAreNeverServedFromTheCacheNorWrittenToIt(Function<LicenseClient, SeatAction> call, @TempDir Path dir) throws Exception {
        Path cache = dir.resolve("license.cache");
        LicenseClient c = LicenseClient.builder().baseUrl(engine.baseUrl()).cacheFile(cache).build();
        c.validate("KEY", Scope.NONE.withUser(ANN));
        String cached = Files.readString(cache);
        call.apply(c);
        assertThat(Files.readString(cache)).isEqualTo(cached);

        engine.close();
        assertThat(c.validate("KEY", Scope.NONE.withUser(ANN)).stale()).isTrue();
        assertThatThrownBy(() -> call.apply(c)).isInstanceOfSatisfying(LicenseClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE);
            assertThat(e.getMessage()).contains(engine.baseUrl() + "/api/v1/licenses/users/").contains("may or may not have happened");
        });
    }

    @Test
    void validateSendsTheUserInTheScope() throws Exception {
        client().validate("KEY", Scope.NONE.withFingerprint("fp-1").withUser(ANN));
        client().validate("KEY", Scope.NONE.withFingerprint("fp-1"));
        JsonNode withUser = json.readTree(engine.received.get(0).body());
        assertThat(engine.received.get(0).path()).isEqualTo(LicenseClient.VALIDATE);
        assertThat(withUser.get("scope").properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder("fingerprint", "user");
        assertThat(withUser.at("/scope/user").asText()).isEqualTo(ANN);
        assertThat(json.readTree(engine.received.get(1).body()).get("scope").has("user")).isFalse();
        // a user alone is a scope too
        client().validate("KEY", Scope.NONE.withUser("bob"));
        assertThat(json.readTree(engine.received.get(2).body()).get("scope").properties()).extracting(e -> e.getKey()).containsExactly("user");
    }

    @Test
    void aCachedAnswerForOneUserIsNeverServedForAnother(@TempDir Path dir) {
        Path cache = dir.resolve("license.cache");
        LicenseClient c = LicenseClient.builder().baseUrl(engine.baseUrl()).cacheFile(cache).build();
        engine.answer = "{\"valid\":true,\"code\":\"VALID\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\"}";
        assertThat(c.validate("KEY", Scope.NONE.withUser(ANN)).code()).isEqualTo("VALID");
        engine.answer = "{\"valid\":false,\"code\":\"USER_SCOPE_MISMATCH\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\"}";
        assertThat(c.validate("KEY", Scope.NONE.withUser("bob")).code()).isEqualTo("USER_SCOPE_MISMATCH");
        engine.close();

        LicenseClient restarted = LicenseClient.builder().baseUrl(engine.baseUrl()).publicKeysJwks(engine.jwks()).cacheFile(cache).build();
        for (LicenseClient client : List.of(c, restarted)) {
            Validation ann = client.validate("KEY", Scope.NONE.withUser(ANN));
            assertThat(ann.stale()).isTrue();
            assertThat(ann.code()).isEqualTo("VALID");
            assertThat(client.validate("KEY", Scope.NONE.withUser("bob")).code()).isEqualTo("USER_SCOPE_MISMATCH");
            // nobody else gets Ann's answer, nor does validation without a user
            for (Scope other : List.of(Scope.NONE.withUser("carol"), Scope.NONE)) {
                assertThatThrownBy(() -> client.validate("KEY", other)).isInstanceOfSatisfying(LicenseClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE));
            }
        }
    }

    private List<String> fields(int request) throws Exception {
        return json.readTree(engine.received.get(request).body()).properties().stream().map(e -> e.getKey()).toList();
    }

    private void assertReason(Function<LicenseClient, SeatAction> call, LicenseClientException.Reason reason) {
        assertThatThrownBy(() -> call.apply(client())).isInstanceOfSatisfying(LicenseClientException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
