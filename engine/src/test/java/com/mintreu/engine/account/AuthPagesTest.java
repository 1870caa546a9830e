package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class AuthPagesTest {

    @EngineTest
    void registerSignOutAndSignInThroughThePages(TestEngine engine) {
        String email = AccountFixtures.email("page");
        TestClient browser = engine.client();
        Response reg = browser.submitForm("/register", "#register-form", Map.of("email", email, "displayName", "Grace <b>Hopper</b>", "password", PASSWORD));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(303);
        assertThat(reg.header("Location")).isEqualTo("/account?welcome=1");

        Response account = browser.get("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.html().select("#profile-name").text()).isEqualTo("Grace <b>Hopper</b>");
        assertThat(account.body()).as("user content is escaped").doesNotContain("<b>Hopper</b>").contains("&lt;b&gt;Hopper&lt;/b&gt;");
        assertThat(account.html().select("#profile-email").text()).contains(email).contains("not confirmed");

        Response verify = browser.get(AccountFixtures.pathInLastMail(engine, email));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.html().select("main h1").text()).isEqualTo("Email confirmed");
        assertThat(browser.get("/account").html().select("#profile-email").text()).contains("(confirmed)");

        Response logout = browser.submitForm("/account", "form[action=/logout]", Map.of());
        assertThat(logout.status()).isEqualTo(303);
        Response again = browser.get("/account");
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).isEqualTo("/login?next=%2Faccount");

        Response login = browser.submitForm("/login?next=/account/tokens", "#login-form", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/account/tokens");
        assertThat(browser.get("/account").status()).isEqualTo(200);
    }

    @EngineTest
    void failedSubmitsKeepWhatWasTypedExceptPasswords(TestEngine engine) {
        TestClient browser = engine.client();
        Response bad = browser.submitForm("/register", "#register-form", Map.of("email", "not-an-email", "displayName", "Kept Name", "password", "short"));
        assertThat(bad.status()).isEqualTo(422);
        Document page = bad.html();
        assertThat(page.select("#email").attr("value")).isEqualTo("not-an-email");
        assertThat(page.select("#displayName").attr("value")).isEqualTo("Kept Name");
        assertThat(page.select("#password").attr("value")).isEmpty();
        assertThat(page.select("#email-error").text()).contains("not a valid email");
        assertThat(page.select("#email").attr("aria-invalid")).isEqualTo("true");

        String email = AccountFixtures.email("wrongpw");
        AccountFixtures.register(engine, email);
        Response wrong = browser.submitForm("/login", "#login-form", Map.of("email", email, "password", "not the password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.html().select("#email").attr("value")).isEqualTo(email);
        assertThat(wrong.html().select(".notice.error").text()).isEqualTo("The email or password is wrong");
        assertThat(wrong.body()).doesNotContain("not the password");

        Response taken = browser.submitForm("/register", "#register-form", Map.of("email", email, "displayName", "Dup", "password", PASSWORD));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.html().select("#email-error").text()).contains("already registered");
    }

    @EngineTest
    void everyInputHasALabel(TestEngine engine) {
        TestClient browser = AccountFixtures.newAdmin(engine);
        for (String path : new String[] {"/account", "/account/tokens", "/account/seller-application", "/admin/seller-applications"}) {
            Document page = browser.get(path).html();
            assertLabelled(path, page);
        }
        TestClient anonymous = engine.client();
        for (String path : new String[] {"/login", "/register", "/forgot-password", "/reset-password?token=x"}) {
            assertLabelled(path, anonymous.get(path).html());
        }
    }

    @EngineTest
    void nextMustBeALocalPath(TestEngine engine) {
        String email = AccountFixtures.email("next");
        AccountFixtures.register(engine, email);
        for (String next : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"}) {
            TestClient browser = engine.client();
            Response r = browser.submitForm("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), "#login-form",
                    Map.of("email", email, "password", PASSWORD));
            assertThat(r.header("Location")).as(next).isEqualTo("/account");
        }
    }

    @EngineTest
    void formsWithoutAValidCsrfTokenAreRefusedAndWriteNothing(TestEngine engine) {
        long users = AccountFixtures.count(engine, "users");
        TestClient browser = engine.client();
        browser.get("/register");
        Map<String, String> fields = Map.of("email", AccountFixtures.email("csrf"), "displayName", "X", "password", PASSWORD);
        Response missing = browser.postForm("/register", fields);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.html().select("main code").text()).isEqualTo("CSRF_INVALID");
        Map<String, String> forged = new java.util.HashMap<>(fields);
        forged.put("_csrf", "forged-token-value");
        assertThat(browser.postForm("/register", forged).status()).isEqualTo(403);
        assertThat(AccountFixtures.count(engine, "users")).isEqualTo(users);

        TestClient signedIn = AccountFixtures.newUser(engine, "csrf2");
        long tokens = AccountFixtures.count(engine, "api_tokens");
        Response noToken = signedIn.postForm("/account/tokens", Map.of("name", "ci"));
        assertThat(noToken.status()).isEqualTo(403);
        Response pw = signedIn.postForm("/account/password", Map.of("currentPassword", PASSWORD, "newPassword", "another good one"));
        assertThat(pw.status()).isEqualTo(403);
        assertThat(AccountFixtures.count(engine, "api_tokens")).isEqualTo(tokens);
        assertThat(signedIn.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @EngineTest
    void forgotAndResetThroughThePages(TestEngine engine) {
        String email = AccountFixtures.email("pagereset");
        AccountFixtures.register(engine, email);
        TestClient browser = engine.client();
        Response sent = browser.submitForm("/forgot-password", "#forgot-form", Map.of("email", email));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.html().select(".notice.ok").text()).startsWith("If an account exists");
        Response unknown = engine.client().submitForm("/forgot-password", "#forgot-form", Map.of("email", AccountFixtures.email("ghost")));
        assertThat(unknown.html().select("main").text()).isEqualTo(sent.html().select("main").text());

        String path = AccountFixtures.pathInLastMail(engine, email);
        Response weak = browser.submitForm(path, "#reset-form", Map.of("password", "1234567890"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.html().select("#password-error").text()).contains("common");
        Response done = browser.submitForm(path, "#reset-form", Map.of("password", "my new long secret"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("Location")).isEqualTo("/login?reset=1");
        Response reused = browser.submitForm(path, "#reset-form", Map.of("password", "my other long secret"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.html().select(".notice.error").text()).contains("already used");
        AccountFixtures.signedIn(engine, email, "my new long secret");
    }

    @EngineTest
    void changePasswordPage(TestEngine engine) {
        String email = AccountFixtures.email("pagechange");
        AccountFixtures.register(engine, email);
        TestClient browser = engine.client();
        browser.submitForm("/login", "#login-form", Map.of("email", email, "password", PASSWORD));
        TestClient other = AccountFixtures.signedIn(engine, email, PASSWORD);
        Response wrong = browser.submitForm("/account", "#password-form", Map.of("currentPassword", "nope nope nope", "newPassword", "a fine new secret"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().select("#currentPassword-error").text()).contains("not your current password");
        Response ok = browser.submitForm("/account", "#password-form", Map.of("currentPassword", PASSWORD, "newPassword", "a fine new secret"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(browser.get(ok.header("Location")).html().select(".notice.ok").text()).contains("password was changed");
        assertThat(other.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    private static void assertLabelled(String path, Document page) {
        page.select("input:not([type=hidden]), textarea, select").forEach(input -> {
            String id = input.id();
            assertThat(id).as(path + ": " + input).isNotEmpty();
            assertThat(page.select("label[for=" + id + "]")).as(path + ": label for #" + id).isNotEmpty();
        });
        assertThat(page.select("main")).as(path).hasSize(1);
        assertThat(page.select("h1")).as(path).isNotEmpty();
        assertThat(page.select("[style]")).as(path + " has no inline styles").isEmpty();
        assertThat(page.select("script")).as(path).isEmpty();
    }
}
