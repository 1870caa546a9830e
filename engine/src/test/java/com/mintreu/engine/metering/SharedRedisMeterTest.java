package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestRedis;
import com.mintreu.engine.testing.TestUsers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two engine nodes on one database and one Redis, both with {@code apiKeys.meter: meter-redis}:
 * verifies racing across both nodes share one limit (N calls, limit L, exactly L admitted), and
 * Redis sees exactly one script call (EVALSHA) per decision. With the in-process meter each node
 * would admit L.
 */
class SharedRedisMeterTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twoNodesEnforceOneSharedLimit(String kind) throws Exception {
        String uri = TestRedis.required();
        String prefix = "mintreu-test:" + UUID.randomUUID() + ":";
        String yaml = "outbox: {pollInterval: 1h}\napiKeys: {meter: meter-redis}\n"
                + "plugins: {meter-redis: {config: {uri: '" + uri + "', keyPrefix: '" + prefix + "', timeout: 2s}}}\n";
        Consumer<Path> plugins = dir -> {
            ApiTestPlugins.writeProductApiTo(dir);
            ApiTestPlugins.writeMeterRedisTo(dir);
        };
        try (TestEngine first = TestEngine.boot(kind, yaml, true, plugins);
                TestEngine second = TestEngine.secondNode(first, yaml, true, plugins);
                RedisClient redis = RedisClient.create(uri);
                StatefulRedisConnection<String, String> conn = redis.connect()) {
            TestUsers.User seller = TestUsers.signIn(first, "seller");
            Response token = seller.client().postJson("/api/v1/tokens", Map.of("name", "server"));
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            String bearer = token.json().get("token").asText();
            TestClient[] nodes = {first.client().bearer(bearer), second.client().bearer(bearer)};

            int limit = 25;
            int calls = 64;
            ApiProducts.Bought b = ApiProducts.buy(first, ApiProducts.publish(first, seller, Map.of("monthlyQuota", Integer.toString(limit))));
            String key = ApiProducts.newKey(b.customer().client(), b.entitlementId(), "shared");

            long scriptsBefore = calls(conn, "evalsha");
            long evalBefore = calls(conn, "eval");
            List<Response> answers = Race.of(calls, i -> verify(nodes[i % 2], key, 1, "evt-" + i));
            long admitted = answers.stream().filter(r -> code(r).equals("VALID")).count();
            long refused = answers.stream().filter(r -> code(r).equals("QUOTA_EXCEEDED")).count();
            long scripts = calls(conn, "evalsha") - scriptsBefore;
            // the figure the closing notes quote
            System.out.printf("shared limit (%s, 2 nodes, 1 Redis): %d racing calls, limit %d: %d VALID, %d QUOTA_EXCEEDED, %d EVALSHA%n", kind,
                    calls, limit, admitted, refused, scripts);
            assertThat(admitted).as("one limit for both nodes").isEqualTo(limit);
            assertThat(refused).isEqualTo(calls - limit);
            assertThat(scripts).as("one EVALSHA per decision").isEqualTo(calls);
            assertThat(calls(conn, "eval") - evalBefore).as("never the script's source").isZero();

            // a replayed event id answers its first decision on the other node too
            Response first0 = verify(nodes[1], key, 1, "evt-0");
            assertThat(first0.json().get("code").asText()).isEqualTo(answers.get(0).json().get("code").asText());
            assertThat(verify(nodes[0], key, 0, null).json().get("remaining").asLong()).isZero();
            assertThat(verify(nodes[1], key, 0, null).json().get("remaining").asLong()).isZero();

            List<String> left = conn.sync().keys(prefix + "*");
            assertThat(left).as("the counters live under the configured prefix").isNotEmpty();
            conn.sync().del(left.toArray(String[]::new));
        }
    }

    /** How many times Redis ran {@code command} since it started (INFO commandstats). */
    static long calls(StatefulRedisConnection<String, String> conn, String command) {
        Matcher m = Pattern.compile("(?m)^cmdstat_" + command + ":calls=(\\d+)").matcher(conn.sync().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
