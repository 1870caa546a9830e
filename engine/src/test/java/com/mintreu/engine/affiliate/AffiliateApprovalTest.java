package com.mintreu.engine.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Element;

/** With affiliates.requireApproval a new affiliate's links earn nothing until an admin approves; joining races to one affiliate. */
@WithConfig("affiliates: {requireApproval: true}\n")
class AffiliateApprovalTest {

    @EngineTest
    void aPendingAffiliatesLinkSetsNoCookieUntilAnAdminApproves(TestEngine e) {
        TestUsers.User affiliate = TestUsers.signIn(e, "customer");
        affiliate.client().submitForm("/account/affiliate", "form[action=/account/affiliate/join]", Map.of());
        Response page = affiliate.client().get("/account/affiliate");
        assertThat(page.html().select(".notice").text()).contains("waits for an administrator's approval");
        String code = page.html().select(".affiliate-code").text();

        TestClient visitor = e.client();
        assertThat(visitor.get("/r/" + code).headers().getOrDefault("set-cookie", List.of())).noneMatch(c -> c.startsWith("mintreu_ref="));
        long clicks = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM affiliate_clicks").mapTo(Long.class).one());
        assertThat(clicks).isZero();

        String id = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM affiliates WHERE user_id = :u").bind("u", affiliate.id())
                .mapTo(String.class).one());
        // not an admin: refused, nothing changes
        TestClient other = TestUsers.signIn(e, "customer").client();
        Response refused = other.postForm("/admin/affiliates/" + id + "/approve", Map.of("_csrf", csrf(other)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(status(e, id)).isEqualTo("pending");

        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response list = admin.get("/admin/affiliates");
        assertThat(list.html().select("table.affiliates tr#" + id).text()).contains(code).contains("Approve");
        Response approved = admin.submitForm("/admin/affiliates", "form[action=/admin/affiliates/" + id + "/approve]", Map.of());
        assertThat(approved.status()).isEqualTo(303);
        assertThat(status(e, id)).isEqualTo("active");
        long audited = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'affiliate.approve' AND subject_id = :i")
                .bind("i", id).mapTo(Long.class).one());
        assertThat(audited).isEqualTo(1);
        assertThat(admin.postForm("/admin/affiliates/aff_nosuch/approve", Map.of("_csrf", csrf(admin))).status()).isEqualTo(404);

        assertThat(visitor.get("/r/" + code).headers().get("set-cookie")).anyMatch(c -> c.startsWith("mintreu_ref=acl_"));
        assertThat(affiliate.client().get("/account/affiliate").html().select(".notice")).isEmpty();
    }

    @EngineTest
    void eightJoinsAtOnceMakeOneAffiliate(TestEngine e) throws Exception {
        TestUsers.User user = TestUsers.signIn(e, "customer");
        Element form = user.client().get("/account/affiliate").html().selectFirst("form[action=/account/affiliate/join]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return user.client().postForm("/account/affiliate/join", fields).status();
                }));
            }
            start.countDown();
            for (Future<Integer> f : answers) {
                assertThat(f.get()).isEqualTo(303);
            }
        } finally {
            pool.shutdownNow();
        }
        long rows = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM affiliates WHERE user_id = :u").bind("u", user.id())
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
        assertThat(user.client().get("/account/affiliate").html().select(".affiliate-code").text()).matches("[a-z0-9]{10}");
    }

    private static String status(TestEngine e, String id) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM affiliates WHERE id = :i").bind("i", id).mapTo(String.class).one());
    }

    /** The CSRF token a signed-in page carries (the account page's forms). */
    private static String csrf(TestClient client) {
        return client.get("/account/affiliate").html().selectFirst("input[type=hidden]").attr("value");
    }
}
