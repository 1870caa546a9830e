package com.mintreu.engine.config;

import java.util.Map;

/** The whole of {@code conf/mintreu.yaml}: one record per concern. */
public record MintreuConfig(
        ServerConfig server,
        DatabaseConfig database,
        EngineConfig engine,
        SecurityConfig security,
        MailConfig mail,
        OutboxConfig outbox,
        OrdersConfig orders,
        Map<String, PluginSettings> plugins,
        CatalogConfig catalog,
        DownloadsConfig downloads,
        LedgerConfig ledger,
        SubscriptionsConfig subscriptions,
        ApiKeysConfig apiKeys,
        WebhooksConfig webhooks,
        PayoutsConfig payouts,
        AffiliatesConfig affiliates,
        SupportConfig support,
        HelpConfig help,
        MessagesConfig messages,
        AssistantConfig assistant) {

    public MintreuConfig {
        plugins = plugins == null ? Map.of() : Map.copyOf(plugins);
    }

    public MintreuConfig withServer(ServerConfig newServer) {
        return new MintreuConfig(newServer, database, engine, security, mail, outbox, orders, plugins, catalog, downloads, ledger, subscriptions, apiKeys, webhooks, payouts, affiliates, support, help, messages, assistant);
    }

    /** The same configuration with another mail section. */
    public MintreuConfig withMail(MailConfig other) {
        return new MintreuConfig(server, database, engine, security, other, outbox, orders, plugins, catalog, downloads, ledger, subscriptions, apiKeys, webhooks, payouts, affiliates, support, help, messages, assistant);
    }

    /** The same configuration with another apiKeys section. */
    public MintreuConfig withApiKeys(ApiKeysConfig other) {
        return new MintreuConfig(server, database, engine, security, mail, outbox, orders, plugins, catalog, downloads, ledger, subscriptions, other, webhooks, payouts, affiliates, support, help, messages, assistant);
    }

    static MintreuConfig defaults() {
        return new MintreuConfig(null, null, null, null, null, null, null, Map.of(), null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
