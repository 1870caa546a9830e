package com.mintreu.engine.assistant;

import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/** The assistant as JSON: {@code POST /api/v1/assistant/answers} {question} → {answer, sources, ...}. Anyone may ask. */
final class AssistantRoutes implements Routes {

    /** What a client sends. */
    record Ask(String question) {}

    private final AssistantService assistant;

    @Inject
    AssistantRoutes(AssistantService assistant) {
        this.assistant = assistant;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/assistant/answers", x -> {
            Ask body = x.bodyJson(Ask.class);
            Reply r = assistant.ask(body == null ? null : body.question(), x.principal().map(Principal::userId).orElse(null), x.clientIp(),
                    locale(x));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("answer", r.text());
            out.put("sources", r.sources().stream().map(s -> Map.of("title", s.title(), "url", s.url())).toList());
            out.put("found", r.found());
            out.put("answeredBy", r.answeredBy());
            out.put("fallback", r.fallback());
            out.put("ticketUrl", Reply.TICKET_URL);
            x.json(200, out);
        });
    }

    /** The first language of Accept-Language as a BCP 47 tag, or null; only a language tag ever reaches an answerer. */
    static String locale(Exchange x) {
        return x.header("Accept-Language").map(h -> h.split(",")[0].split(";")[0].strip())
                .filter(t -> t.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,2}"))
                .map(t -> Locale.forLanguageTag(t).toLanguageTag()).orElse(null);
    }
}
