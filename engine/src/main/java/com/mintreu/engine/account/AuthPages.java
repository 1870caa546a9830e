package com.mintreu.engine.account;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * The account pages: register, sign in/out, verify, forgot/reset password, the account page with
 * the change-password form. Failed submits re-render the form (422, or 401 for a failed sign-in)
 * with the errors beside the fields and what was typed, passwords excepted.
 */
final class AuthPages implements Routes {

    private static final String HOME = "/account";

    private final AccountService accounts;

    @Inject
    AuthPages(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void register(Router router) {
        router.get("/register", x -> signedInOr(x, () -> x.render("register", Map.of("values", Map.of()))));
        router.post("/register", this::registerUser);
        router.get("/login", x -> signedInOr(x, () -> x.render("login", Map.of("values", Map.of(), "next", next(x.query("next").orElse(null)),
                "reset", x.query("reset").isPresent()))));
        router.post("/login", this::login);
        router.post("/logout", this::logout);
        router.get("/verify-email", this::verifyEmail);
        router.get("/forgot-password", x -> x.render("forgot-password", Map.of("values", Map.of())));
        router.post("/forgot-password", this::forgotPassword);
        router.get("/reset-password", x -> x.render("reset-password", Map.of("token", x.query("token").orElse(""))));
        router.post("/reset-password", this::resetPassword);
        router.get("/account", x -> account(x, 200, Map.of()));
        router.post("/account/password", this::changePassword);
    }

    private interface Page {
        void show() throws Exception;
    }

    private static void signedInOr(Exchange x, Page page) throws Exception {
        if (x.principal().isPresent()) {
            x.redirect(HOME);
        } else {
            page.show();
        }
    }

    private void registerUser(Exchange x) throws Exception {
        Form form = x.form();
        Map<String, String> values = Map.of("email", form.text("email"), "displayName", form.text("displayName"));
        try {
            User user = accounts.register(form.text("email"), form.text("password"), form.text("displayName"));
            x.startSession(user.id());
            x.redirect(HOME + "?welcome=1");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            x.render(422, "register", Map.of("errors", Pages.errors(e), "values", values));
        }
    }

    private void login(Exchange x) throws Exception {
        Form form = x.form();
        String next = next(form.text("next"));
        try {
            User user = accounts.login(form.text("email"), form.text("password"), x.clientIp());
            x.startSession(user.id());
            x.redirect(next);
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            int status = e.error() == AccountError.INVALID_CREDENTIALS ? 401 : 422;
            x.render(status, "login", Map.of("errors", Pages.errors(e), "values", Map.of("email", form.text("email")), "next", next,
                    "reset", false));
        }
    }

    private void logout(Exchange x) throws Exception {
        x.form();
        x.endSession();
        x.redirect("/");
    }

    private void verifyEmail(Exchange x) {
        try {
            accounts.verifyEmail(x.query("token").orElse(null));
            x.render("verify-email", Map.of("ok", true));
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            x.render(400, "verify-email", Map.of("ok", false));
        }
    }

    private void forgotPassword(Exchange x) throws Exception {
        Form form = x.form();
        try {
            accounts.forgotPassword(form.text("email"), x.clientIp());
            x.render("forgot-password", Map.of("sent", true, "values", Map.of()));
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            x.render(422, "forgot-password", Map.of("errors", Pages.errors(e), "values", Map.of("email", form.text("email"))));
        }
    }

    private void resetPassword(Exchange x) throws Exception {
        Form form = x.form();
        try {
            accounts.resetPassword(form.text("token"), form.text("password"));
            x.redirect("/login?reset=1");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            x.render(e.error() == AccountError.TOKEN_INVALID ? 400 : 422, "reset-password",
                    Map.of("errors", Pages.errors(e), "token", form.text("token"), "tokenInvalid", e.error() == AccountError.TOKEN_INVALID));
        }
    }

    private void changePassword(Exchange x) throws Exception {
        Principal p = x.requireUser();
        Form form = x.form();
        try {
            accounts.changePassword(p.userId(), form.text("currentPassword"), form.text("newPassword"), x.existingSession().orElse(null),
                    x.clientIp());
            x.redirect(HOME + "?password=changed");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            account(x, 422, Map.of("errors", Pages.errors(e)));
        }
    }

    private void account(Exchange x, int status, Map<String, Object> extra) {
        Principal p = x.requireUser();
        User user = accounts.user(p.userId()).orElseThrow(() -> ApiException.notFound("user"));
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("account", user);
        model.put("memberSince", Pages.when(user.createdAt()));
        model.put("welcome", x.query("welcome").isPresent());
        model.put("passwordChanged", x.query("password").isPresent());
        model.put("isSeller", user.roles().contains(Roles.SELLER));
        model.put("roles", new java.util.TreeSet<>(user.roles()));
        model.put("emailVerified", user.emailVerified());
        x.render(status, "account", model);
    }

    /** The page to land on after signing in: a local path only, never another site. */
    static String next(String requested) {
        return AccountHttp.localPath(requested, HOME);
    }
}
