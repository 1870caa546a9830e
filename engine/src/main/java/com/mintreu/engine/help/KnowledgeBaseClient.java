package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.KnowledgeBase;
import com.mintreu.engine.config.HelpConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door to the configured {@link KnowledgeBase} ({@code help.knowledgeBase}): every call goes
 * through the plugin host's dispatcher with its timeout. A knowledge base that is not running, times
 * out or fails is a 503 {@code KNOWLEDGE_BASE_UNAVAILABLE}, never a 500.
 */
@Singleton
final class KnowledgeBaseClient {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseClient.class);

    private final PluginHost host;
    private final HelpConfig config;

    @Inject
    KnowledgeBaseClient(PluginHost host, HelpConfig config) {
        this.host = host;
        this.config = config;
    }

    <R> R call(String operation, PluginHost.ExtensionCall<KnowledgeBase, R> call) {
        KnowledgeBase kb = host.extension(KnowledgeBase.class, config.knowledgeBase()).orElseThrow(() -> new ApiException(
                HelpError.KNOWLEDGE_BASE_UNAVAILABLE, "the knowledge base '" + config.knowledgeBase() + "' is not running"));
        try {
            return host.call(kb, operation, call);
        } catch (PluginCallException e) {
            LOG.warn("knowledge base '{}' failed on {}: {}", config.knowledgeBase(), operation, e.getMessage());
            throw new ApiException(HelpError.KNOWLEDGE_BASE_UNAVAILABLE, "the knowledge base did not answer; please try again");
        }
    }
}
