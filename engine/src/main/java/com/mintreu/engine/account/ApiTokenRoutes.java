package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * API tokens as JSON ({@code /api/v1/tokens}) and as the {@code /account/tokens} page. Creating a
 * token needs a session; listing and revoking also work with a token, so a leaked token can be
 * killed with itself.
 */
final class ApiTokenRoutes implements Routes {

    record CreateBody(String name) {}

    private final ApiTokenService tokens;

    @Inject
    ApiTokenRoutes(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/tokens", this::create);
        router.get("/api/v1/tokens", this::list);
        router.delete("/api/v1/tokens/{id}", this::revoke);
        router.get("/account/tokens", x -> page(x, 200, Map.of()));
        router.post("/account/tokens", this::createFromPage);
        router.post("/account/tokens/{id}/revoke", this::revokeFromPage);
    }

    private void create(Exchange x) throws Exception {
        Principal p = AccountHttp.requireSessionUser(x);
        CreateBody body = x.bodyJson(CreateBody.class);
        ApiToken.Created created = tokens.create(p.userId(), body.name());
        Map<String, Object> out = new LinkedHashMap<>(AccountHttp.token(created.token()));
        out.put("token", created.secret());
        x.header("Cache-Control", "no-store");
        x.json(201, out);
    }

    private void list(Exchange x) throws Exception {
        Principal p = x.requireUser();
        x.json(200, tokens.list(p.userId(), PageRequest.of(x)).map(AccountHttp::token));
    }

    private void revoke(Exchange x) throws Exception {
        Principal p = x.requireUser();
        AccountHttp.emptyBody(x);
        tokens.revoke(p.userId(), x.pathParam("id"));
        x.noContent();
    }

    private void createFromPage(Exchange x) throws Exception {
        Principal p = x.requireUser();
        String name = x.form().text("name");
        try {
            ApiToken.Created created = tokens.create(p.userId(), name);
            x.header("Cache-Control", "no-store");
            page(x, 201, Map.of("created", created));
        } catch (com.mintreu.engine.web.ApiException e) {
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
        model.put("tokens", tokens.list(p.userId()).stream().map(ApiTokenRoutes::view).toList());
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
