package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountHttp.required;

import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.session.Session;
import java.util.Map;
import javax.inject.Inject;

/**
 * The JSON API under {@code /api/v1/auth/}. A JSON login sets the same session cookie a page login
 * does; JSON bodies are required to be application/json, which a cross-site form cannot send, so
 * cookie-authenticated API calls need no CSRF token.
 */
final class AuthApiRoutes implements Routes {

    record RegisterBody(String email, String password, String displayName) {}

    record LoginBody(String email, String password) {}

    record TokenBody(String token) {}

    record EmailBody(String email) {}

    record ResetBody(String token, String password) {}

    record ChangePasswordBody(String currentPassword, String newPassword) {}

    private final AccountService accounts;

    @Inject
    AuthApiRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/auth/register", this::registerUser);
        router.post("/api/v1/auth/login", this::login);
        router.post("/api/v1/auth/logout", this::logout);
        router.post("/api/v1/auth/verify-email", this::verifyEmail);
        router.post("/api/v1/auth/forgot-password", this::forgotPassword);
        router.post("/api/v1/auth/reset-password", this::resetPassword);
        router.get("/api/v1/auth/me", this::me);
        router.post("/api/v1/auth/change-password", this::changePassword);
    }

    private void registerUser(Exchange x) throws Exception {
        RegisterBody body = x.bodyJson(RegisterBody.class);
        User user = accounts.register(body.email(), body.password(), body.displayName());
        x.json(201, Map.of("user", AccountHttp.user(user)));
    }

    private void login(Exchange x) throws Exception {
        LoginBody body = x.bodyJson(LoginBody.class);
        User user = accounts.login(body.email(), body.password(), x.clientIp());
        x.startSession(user.id());
        x.json(200, Map.of("user", AccountHttp.user(user)));
    }

    private void logout(Exchange x) throws Exception {
        AccountHttp.emptyBody(x);
        x.endSession();
        x.noContent();
    }

    private void verifyEmail(Exchange x) throws Exception {
        TokenBody body = x.bodyJson(TokenBody.class);
        accounts.verifyEmail(required("token", body.token()));
        x.json(200, Map.of("emailVerified", true));
    }

    private void forgotPassword(Exchange x) throws Exception {
        EmailBody body = x.bodyJson(EmailBody.class);
        accounts.forgotPassword(body.email(), x.clientIp());
        x.json(202, Map.of("message", AccountService.RESET_SENT));
    }

    private void resetPassword(Exchange x) throws Exception {
        ResetBody body = x.bodyJson(ResetBody.class);
        accounts.resetPassword(body.token(), body.password());
        x.noContent();
    }

    private void me(Exchange x) throws Exception {
        Principal p = x.requireUser();
        User user = accounts.user(p.userId()).orElseThrow(() -> com.mintreu.engine.web.ApiException.notFound("user"));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("user", AccountHttp.user(user));
        // A script signed in by cookie needs the token for uploads and other non-JSON state changes.
        if (x.header("Authorization").isEmpty()) {
            x.existingSession().ifPresent(s -> out.put("csrfToken", s.csrfToken()));
        }
        x.json(200, out);
    }

    private void changePassword(Exchange x) throws Exception {
        Principal p = AccountHttp.requireSessionUser(x);
        ChangePasswordBody body = x.bodyJson(ChangePasswordBody.class);
        Session keep = x.existingSession().orElse(null);
        accounts.changePassword(p.userId(), body.currentPassword(), body.newPassword(), keep, x.clientIp());
        x.noContent();
    }
}
