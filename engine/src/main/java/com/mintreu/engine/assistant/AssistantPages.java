package com.mintreu.engine.assistant;

import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * The assistant's pages: {@code /help/ask} (a question form; the answer with its sources and the way
 * to a ticket; works without JavaScript) and the admin's {@code /admin/assistant} (today's usage
 * against the caps, the answerer and whether it runs).
 */
final class AssistantPages implements Routes {

    private static final Map<String, String> LABELS = Map.of("question", "Your question");

    private final AssistantService assistant;
    private final KillSwitches switches;

    @Inject
    AssistantPages(AssistantService assistant, KillSwitches switches) {
        this.assistant = assistant;
        this.switches = switches;
    }

    @Override
    public void register(Router router) {
        router.get("/help/ask", x -> {
            switches.require(KillSwitch.ASSISTANT);
            x.render("help/ask", new HashMap<>(Map.of("question", "")));
        });
        router.post("/help/ask", x -> {
            Form form = x.form();
            String question = form.get("question").orElse("");
            Map<String, Object> model = new HashMap<>();
            model.put("question", question);
            Reply reply;
            try {
                reply = assistant.ask(question, x.principal().map(Principal::userId).orElse(null), x.clientIp(),
                        AssistantRoutes.locale(x));
            } catch (ApiException e) {
                FormErrors failed = FormErrors.from(e, "ask", form.values(), LABELS, Map.of()).orElseThrow(() -> e);
                model.putAll(failed.model());
                x.render(e.error().status(), "help/ask", model);
                return;
            }
            model.put("reply", reply);
            model.put("ticketUrl", Reply.TICKET_URL);
            x.render("help/ask", model);
        });
        router.get("/admin/assistant", x -> {
            x.requireRole("admin");
            render(x);
        });
    }

    private void render(Exchange x) {
        Map<String, Object> model = new HashMap<>();
        model.put("today", assistant.today());
        model.put("answerer", assistant.answerer());
        model.put("running", assistant.answererRunning());
        model.put("engaged", switches.isEngaged(KillSwitch.ASSISTANT));
        x.render("admin/assistant", model);
    }
}
