package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.web.ApiException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The gateway's target URL and its refusal of upstreams on this machine or a private network. */
class UpstreamTargetTest {

    @Test
    void privateLoopbackAndReservedAddressesAreNotPublic() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
                "192.0.0.8", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1"}) {
            assertThat(UpstreamTarget.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
        }
        for (String ip : new String[] {"93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111"}) {
            assertThat(UpstreamTarget.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
        }
        assertThat(UpstreamTarget.allPublic("localhost")).isFalse();
        assertThat(UpstreamTarget.allPublic("no-such-host.invalid")).as("an unknown host is refused, not guessed").isFalse();
    }

    @Test
    void joinsTheBasePathTheRestAndTheQueryAsSent() {
        UpstreamTarget open = new UpstreamTarget(true);
        assertThat(open.resolve("http://127.0.0.1:9000/v1", "quotes/a%20b", "x=1&y=%26")).hasToString("http://127.0.0.1:9000/v1/quotes/a%20b?x=1&y=%26");
        assertThat(open.resolve("http://127.0.0.1:9000/v1/", "q", null)).hasToString("http://127.0.0.1:9000/v1/q");
        assertThat(open.resolve("http://127.0.0.1:9000/v1", "", null)).hasToString("http://127.0.0.1:9000/v1");
        assertThat(open.resolve("http://127.0.0.1:9000", "", "a=b")).hasToString("http://127.0.0.1:9000/?a=b");
        assertThatThrownBy(() -> open.resolve(null, "", null)).isInstanceOf(ApiException.class).hasMessageContaining("no upstream URL");
        assertThatThrownBy(() -> open.resolve("ftp://example.com/", "", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new UpstreamTarget(false).resolve("http://127.0.0.1:9000/v1", "", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(GatewayError.UPSTREAM_FORBIDDEN));
    }
}
