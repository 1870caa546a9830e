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
 * API tokens as JSON ({@code /api/v1/tokens}); the {@code /account/tokens} page is
 * {@link ApiTokenPages}. Creating a token needs a session; listing and revoking also work with a
 * token, so a leaked token can be killed with itself.
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
}
