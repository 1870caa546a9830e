package com.mintreu.engine.account;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/** The {@code /account/tokens} page: the caller's API tokens, a form to create one, a button to revoke one. */
final class ApiTokenPages implements Routes {

    private final ApiTokenService tokens;

    @Inject
    ApiTokenPages(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(Router router) {
        router.get("/account/tokens", x -> page(x, 200, Map.of()));
        router.post("/account/tokens", this::createFromPage);
        router.post("/account/tokens/{id}/revoke", this::revokeFromPage);
    }

    private void createFromPage(Exchange x) throws Exception {
        Principal p = x.requireUser();
        String name = x.form().text("name");
        try {
            ApiToken.Created created = tokens.create(p.userId(), name);
            x.header("Cache-Control", "no-store");
            page(x, 201, Map.of("created", created));
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            page(x, 422, Map.of("errors", Pages.errors(e), "values", Map.of("name", name)));
        }
    }

    private void revokeFromPage(Exchange x) throws Exception {
        Principal p = x.requireUser();
        x.form();
        tokens.revoke(p.userId(), x.pathParam("id"));
        x.redirect("/account/tokens?revoked=1");
    }

    private void page(Exchange x, int status, Map<String, Object> extra) {
        Principal p = x.requireUser();
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("tokens", tokens.list(p.userId()).stream().map(ApiTokenPages::view).toList());
        model.put("revoked", x.query("revoked").isPresent());
        x.render(status, "account-tokens", model);
    }

    private static Map<String, Object> view(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>(AccountHttp.token(t));
        out.put("created", Pages.when(t.createdAt()));
        out.put("lastUsed", t.lastUsedAt() == null ? "never" : Pages.when(t.lastUsedAt()));
        return out;
    }
}
