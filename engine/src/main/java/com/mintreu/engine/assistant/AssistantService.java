package com.mintreu.engine.assistant;

import com.mintreu.api.assistant.Answer;
import com.mintreu.api.assistant.Assistant;
import com.mintreu.api.assistant.Passage;
import com.mintreu.api.assistant.Question;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.config.AssistantConfig;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers customers' questions: checks the kill switch and the question, counts the answer against
 * the daily caps, strips personal data, finds passages ({@link Retrieval}) and has the configured
 * {@link Assistant} compose the answer: the built-in {@code assistant-retrieval} directly, a
 * plugin's through the plugin host (dispatcher, timeout). When the plugin is not running, fails,
 * times out or answers nothing usable, the retrieval answer is shown instead and the reply says so.
 * Questions are never stored or logged.
 */
@Singleton
final class AssistantService {

    static final int MAX_QUESTION = 1000;
    /** A longer answer from a plugin is cut: a page is no place for a model's runaway reply. */
    static final int MAX_ANSWER = 4000;
    static final String NOTHING_FOUND = "I found nothing about that in the help articles or the product documentation. "
            + "Try other words, or open a support ticket and a person will answer.";

    private static final Logger LOG = LoggerFactory.getLogger(AssistantService.class);

    private final KillSwitches switches;
    private final DailyUsage usage;
    private final Retrieval retrieval;
    private final RetrievalAssistant builtIn;
    private final PluginHost host;
    private final AssistantConfig config;

    @Inject
    AssistantService(KillSwitches switches, DailyUsage usage, Retrieval retrieval, RetrievalAssistant builtIn, PluginHost host,
            AssistantConfig config) {
        this.switches = switches;
        this.usage = usage;
        this.retrieval = retrieval;
        this.builtIn = builtIn;
        this.host = host;
        this.config = config;
    }

    /**
     * The answer to {@code question} from a visitor ({@code userId} when signed in, else {@code ip}).
     *
     * @param locale the reader's language tag or null
     * @throws ApiException 503 when the assistant is switched off, 422 for an empty or too long question,
     *                      429 at a daily cap
     */
    Reply ask(String question, String userId, String ip, String locale) {
        switches.require(KillSwitch.ASSISTANT);
        String text = validated(question);
        usage.take(usage.visitor(userId, ip));
        String clean = Redactor.redact(text);
        List<Passage> passages = retrieval.passages(clean, config.maxPassages()).stream().map(Ranked::passage).toList();
        if (passages.isEmpty()) {
            return new Reply(NOTHING_FOUND, List.of(), RetrievalAssistant.ID, false, false);
        }
        Question q = new Question(clean, passages, locale);
        if (config.answerer().equals(RetrievalAssistant.ID)) {
            return reply(builtIn.answer(q), RetrievalAssistant.ID, passages, false);
        }
        Optional<Assistant> plugin = host.extension(Assistant.class, config.answerer());
        if (plugin.isEmpty()) {
            LOG.warn("assistant.answerer '{}' is not a running extension; answering with {}", config.answerer(), RetrievalAssistant.ID);
            return fallback(q, passages);
        }
        try {
            Answer a = host.call(plugin.get(), "answer", x -> x.answer(q));
            if (a == null || a.text() == null || a.text().isBlank()) {
                LOG.warn("assistant '{}' answered nothing; answering with {}", config.answerer(), RetrievalAssistant.ID);
                return fallback(q, passages);
            }
            return reply(a, config.answerer(), passages, false);
        } catch (PluginCallException e) {
            // the code and the plugin's message, never the question
            LOG.warn("assistant '{}' failed ({}): {}; answering with {}", config.answerer(), e.code(), e.getMessage(), RetrievalAssistant.ID);
            return fallback(q, passages);
        }
    }

    /** Today's answers against the caps, for the admin. */
    DailyUsage.Today today() {
        return usage.today();
    }

    /** The configured answerer's id and whether it can answer now (built in, or a running plugin's extension). */
    String answerer() {
        return config.answerer();
    }

    boolean answererRunning() {
        return config.answerer().equals(RetrievalAssistant.ID) || host.extension(Assistant.class, config.answerer()).isPresent();
    }

    private Reply fallback(Question q, List<Passage> passages) {
        return reply(builtIn.answer(q), RetrievalAssistant.ID, passages, true);
    }

    /** Keeps only sources that are among the passages given (an answerer cannot invent links); all passages when none is left. */
    private static Reply reply(Answer a, String by, List<Passage> passages, boolean fallback) {
        Set<String> urls = passages.stream().map(Passage::url).collect(Collectors.toSet());
        List<Answer.Source> sources = a.sources() == null ? List.of()
                : a.sources().stream().filter(s -> s != null && urls.contains(s.url())).distinct().toList();
        if (sources.isEmpty()) {
            sources = passages.stream().map(Answer.Source::of).toList();
        }
        String text = a.text().strip();
        return new Reply(text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) + "…" : text, sources, by, fallback, true);
    }

    private static String validated(String question) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("question", "is required: what would you like to know?")));
        }
        if (text.length() > MAX_QUESTION) {
            throw ApiException.invalid(List.of(new FieldError("question", "must be at most " + MAX_QUESTION + " characters, got " + text.length())));
        }
        return text;
    }
}
