package com.mintreu.plugins.assistantllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.PluginContext;
import com.mintreu.api.assistant.Answer;
import com.mintreu.api.assistant.Assistant;
import com.mintreu.api.assistant.AssistantException;
import com.mintreu.api.assistant.Passage;
import com.mintreu.api.assistant.Question;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * {@code assistant-llm}: sends the engine's passages and the question to an OpenAI-compatible
 * chat-completions endpoint ({@link ChatPrompt}) and returns the model's reply with the passages it
 * cited as sources. Any failure (connect or read timeout, a non-2xx status, a reply without
 * {@code choices[0].message.content}) is an {@link AssistantException}; the engine then shows its
 * own retrieval answer. Neither the question nor the API key is ever logged.
 */
@Extension
public final class LlmAssistant implements Assistant {

    public static final String ID = "assistant-llm";

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");

    private final ObjectMapper json = new ObjectMapper();
    private LlmConfig config;
    /** {@link LlmConfig#shown} of the endpoint: what messages and logs say. */
    private String where;
    private HttpClient http;
    private Duration readTimeout;
    private Logger log;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return LlmConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        config = ctx.config(LlmConfig.class);
        where = LlmConfig.shown(config.endpoint());
        log = ctx.logger();
        readTimeout = readTimeout(config, ctx.callTimeout());
        http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        log.info("assistant-llm answers with model {} at {} (read timeout {} ms)", config.model(), where, readTimeout.toMillis());
    }

    /**
     * The configured read timeout, but short enough that connect + read end before the engine's own
     * plugin-call timeout: the engine should see this plugin's error, not its own timeout.
     */
    static Duration readTimeout(LlmConfig config, Duration callTimeout) {
        Duration cap = callTimeout.multipliedBy(4).dividedBy(5).minus(config.connectTimeout());
        if (cap.compareTo(Duration.ofMillis(100)) < 0) {
            cap = Duration.ofMillis(100);
        }
        return config.readTimeout().compareTo(cap) <= 0 ? config.readTimeout() : cap;
    }

    @Override
    public void stop() {
        if (http != null) {
            http.shutdownNow();
        }
    }

    @Override
    public Answer answer(Question question) {
        List<Passage> passages = ChatPrompt.fit(question.passages(), config.maxPassages(), config.maxCharacters());
        String body;
        try {
            body = json.writeValueAsString(ChatPrompt.body(json, config.model(), question, passages));
        } catch (JsonProcessingException e) {
            throw new AssistantException("could not write the request", e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(config.endpoint()).timeout(readTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            req.header("Authorization", "Bearer " + config.apiKey());
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssistantException("no answer from " + where + " within the timeout (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new AssistantException("could not reach " + where + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssistantException("interrupted while waiting for " + where);
        }
        if (res.statusCode() / 100 != 2) {
            // the status only: an error body may echo the request
            throw new AssistantException(where + " answered HTTP " + res.statusCode());
        }
        String text = content(res.body());
        return new Answer(text, cited(text, passages));
    }

    private String content(String body) {
        JsonNode reply;
        try {
            reply = json.readTree(body);
        } catch (IOException e) {
            throw new AssistantException("the reply of " + where + " is not JSON");
        }
        JsonNode content = reply == null ? null : reply.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw new AssistantException("the reply of " + where + " has no choices[0].message.content");
        }
        return content.asText().strip();
    }

    /** The passages the reply cites as [n]; every passage sent when it cites none (the engine shows sources either way). */
    static List<Answer.Source> cited(String text, List<Passage> passages) {
        List<Answer.Source> out = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= passages.size()) {
                Answer.Source s = Answer.Source.of(passages.get(n - 1));
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out.isEmpty() ? passages.stream().map(Answer.Source::of).toList() : out;
    }
}
