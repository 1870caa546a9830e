package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** form-action names the shop and exactly the origins a page is given; nothing else can get into the policy. */
class ContentSecurityPolicyTest {

    @Test
    void theDefaultPolicyPostsFormsOnlyToTheShop() {
        assertThat(SecurityHeaders.CSP).contains("form-action 'self';").contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void declaredOriginsAreAddedToFormActionOnly() {
        String csp = SecurityHeaders.csp(List.of("https://checkout.stripe.com", "http://127.0.0.1:9123"));
        assertThat(csp).contains("form-action 'self' https://checkout.stripe.com http://127.0.0.1:9123;")
                .contains("default-src 'self';").contains("script-src 'self';");
    }

    @Test
    void anEntryThatIsNotABareOriginIsRefused() {
        for (String bad : List.of("https://a.example; script-src *", "'unsafe-inline'", "*", "https://a.example/path", "https://a.example 'self'")) {
            assertThatThrownBy(() -> SecurityHeaders.csp(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
