package com.mintreu.plugins.assistantllm;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code plugins.assistant-llm.config}.
 *
 * @param endpoint       the full URL of an OpenAI-compatible chat-completions endpoint
 *                       ({@code https://api.example.com/v1/chat/completions}, or a local server's)
 * @param model          the model name the endpoint expects
 * @param apiKey         sent as {@code Authorization: Bearer ...}; empty for a local server that needs none
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout    how long to wait for the whole reply after connecting
 * @param maxPassages    at most this many passages go into one request
 * @param maxCharacters  the passages' texts together are cut to this many characters
 */
public record LlmConfig(
        @Setting(required = true, help = "URL of an OpenAI-compatible chat-completions endpoint, e.g. https://api.example.com/v1/chat/completions") URI endpoint,
        @Setting(required = true, help = "the model name the endpoint expects") String model,
        @Setting(secret = true, help = "API key sent as Authorization: Bearer; empty for a local server without one") String apiKey,
        @Setting(help = "connect timeout; connect + read are kept below engine.pluginCallTimeout") Duration connectTimeout,
        @Setting(help = "read timeout for the whole reply") Duration readTimeout,
        @Setting(help = "at most this many passages are sent per question (1 to 10)") int maxPassages,
        @Setting(help = "the passages' texts together are cut to this many characters (500 to 20000)") int maxCharacters)
        implements Validated {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static LlmConfig defaults() {
        return new LlmConfig(null, null, "", Duration.ofSeconds(2), Duration.ofSeconds(6), 4, 4000);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null) {
            out.add(new Problem("endpoint", "must be an absolute URL such as https://api.example.com/v1/chat/completions, got " + shown(endpoint)));
        } else if (!"https".equals(endpoint.getScheme()) && !("http".equals(endpoint.getScheme()) && loopback(endpoint))) {
            out.add(new Problem("endpoint", "must be https (plain http only to localhost): the questions and the API key travel with every call, got " + shown(endpoint)));
        }
        if (model == null || model.isBlank()) {
            out.add(new Problem("model", "is required: the model name the endpoint expects"));
        }
        if (connectTimeout == null || connectTimeout.compareTo(Duration.ofMillis(100)) < 0 || connectTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            out.add(new Problem("connectTimeout", "must be between 100ms and 30s, got " + connectTimeout));
        }
        if (readTimeout == null || readTimeout.compareTo(Duration.ofMillis(100)) < 0 || readTimeout.compareTo(Duration.ofSeconds(120)) > 0) {
            out.add(new Problem("readTimeout", "must be between 100ms and 120s, got " + readTimeout));
        }
        if (maxPassages < 1 || maxPassages > 10) {
            out.add(new Problem("maxPassages", "must be 1 to 10, got " + maxPassages));
        }
        if (maxCharacters < 500 || maxCharacters > 20000) {
            out.add(new Problem("maxCharacters", "must be 500 to 20000, got " + maxCharacters));
        }
        return out;
    }

    /**
     * The endpoint as logs and messages show it: scheme, host, port and path only. Some providers
     * take the key in the query ({@code ?key=...}) or in user info; neither is ever printed.
     */
    static String shown(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.getHost() == null) {
            return "(not an absolute URL)";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static boolean loopback(URI uri) {
        return LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** Keeps the API key out of logs and error messages. */
    @Override
    public String toString() {
        return "LlmConfig[endpoint=" + shown(endpoint) + ", model=" + model + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "" : "***")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxPassages=" + maxPassages
                + ", maxCharacters=" + maxCharacters + "]";
    }
}
