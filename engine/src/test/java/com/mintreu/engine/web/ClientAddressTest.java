package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.config.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is behind trusted proxies: the right-most hop that is not a trusted proxy. */
class ClientAddressTest {

    private final ClientAddress proxies = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1"), Cidr.parse("fd00::/8")), x -> {});

    private String client(String peer, String... hops) throws Exception {
        return proxies.client(InetAddress.getByName(peer), List.of(hops)).getHostAddress();
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() throws Exception {
        assertThat(client("127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(client("127.0.0.1", "6.6.6.6", "203.0.113.7", "10.1.2.3")).as("what the client wrote on the left is ignored").isEqualTo("203.0.113.7");
        assertThat(client("10.0.0.1", "10.0.0.9", "10.0.0.8")).as("all trusted: the farthest").isEqualTo("10.0.0.9");
        assertThat(client("127.0.0.1", " [2001:db8::1]:4711 ")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(client("127.0.0.1", "198.51.100.4:5555")).isEqualTo("198.51.100.4");
        assertThat(client("127.0.0.1", "\"[fd00::5]\"", "10.0.0.3")).isEqualTo("fd00:0:0:0:0:0:0:5");
    }

    @Test
    void aHopThatIsNoAddressStopsAtTheLastKnownOne() throws Exception {
        assertThat(client("127.0.0.1", "unknown")).isEqualTo("127.0.0.1");
        assertThat(client("127.0.0.1", "evil.example", "10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(client("127.0.0.1", "_hidden", "203.0.113.1")).isEqualTo("203.0.113.1");
    }

    @Test
    void rangesParseAndMatch() throws Exception {
        assertThat(Cidr.parse("192.168.0.0/16").contains(InetAddress.getByName("192.168.200.1"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/16").contains(InetAddress.getByName("192.169.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.127.255.255"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.128.0.0"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("::1").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("proxy.example")).hasMessageContaining("expected an IP address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThat(Cidr.literal("localhost")).as("never a DNS lookup").isNull();
    }
}
