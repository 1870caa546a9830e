package com.mintreu.engine.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PluginInternalsTest {

    final byte[] master = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void derivedKeysAreStableAndSeparatedByPluginAndPurpose() {
        byte[] a = new HostSecrets(master, "payment-stripe").key("webhooks");
        assertThat(a).hasSize(32).isEqualTo(new HostSecrets(master.clone(), "payment-stripe").key("webhooks"));
        assertThat(a).isNotEqualTo(new HostSecrets(master, "payment-stripe").key("links"));
        assertThat(a).isNotEqualTo(new HostSecrets(master, "payment-paypal").key("webhooks"));
        // the separator keeps ("ab", "c") and ("a", "bc") apart
        assertThat(new HostSecrets(master, "ab").key("c")).isNotEqualTo(new HostSecrets(master, "a").key("bc"));
        assertThat(Arrays.equals(a, master)).isFalse();
        assertThatThrownBy(() -> new HostSecrets(master, "p").key(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routePathsStayUnderThePluginPrefix() {
        assertThat(PluginRoutes.normalise("/files/{name}/")).isEqualTo("files/{name}");
        assertThat(PluginRoutes.normalise("")).isEmpty();
        for (String bad : new String[] {"../admin", "a/../../b", "a//b", "a b", "%2e%2e", "a/./b"}) {
            assertThatThrownBy(() -> PluginRoutes.normalise(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void historyTableNamesAreSqlIdentifiers() {
        assertThat(PluginMigrations.historyTable("storage-local")).isEqualTo("flyway_storage_local");
    }
}
