package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.testing.TestClient;
import java.util.List;
import java.util.Map;

/** Payouts in {@link ApiWalkTest}: a seller with an available balance, an admin's run, the seller's history, "mark as paid". */
final class PayoutWalk {

    private PayoutWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        TestClient admin = p.admin();
        long now = p.e().clock().millis();
        p.e().engine().component().ledger().post(new Posting("sale:payout-walk", "sale", null, "walk sale", List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(-2750, "EUR"), null, now),
                new LedgerEntry(Accounts.PLATFORM_FEES, Money.of(250, "EUR"), null, now),
                new LedgerEntry(Accounts.seller(p.seller().id()), Money.of(2500, "EUR"), null, now))));

        w.post(seller, "/api/v1/admin/payouts/runs", 403);
        w.post(p.anon(), "/api/v1/admin/payouts/runs", 401);
        JsonNode run = w.post(admin, "/api/v1/admin/payouts/runs", 201).json();
        String id = null;
        for (JsonNode payout : run.get("payouts")) {
            if (payout.get("sellerId").asText().equals(p.seller().id())) {
                id = payout.get("id").asText();
            }
        }
        if (id == null) {
            throw new AssertionError("the run paid no payout to the walking seller: " + run);
        }

        w.get(seller, "/api/v1/seller/payouts", 200);
        w.get(seller, "/api/v1/seller/payouts?limit=0", 422);
        w.get(seller, "/api/v1/seller/payouts?cursor=not-a-cursor", 400);
        w.get(p.anon(), "/api/v1/seller/payouts", 401);
        w.get(p.customer().client(), "/api/v1/seller/payouts", 403);
        w.get(seller, "/api/v1/seller/payouts/" + id, 200);
        w.get(seller, "/api/v1/seller/payouts/pay_nobody", 404);
        w.get(p.anon(), "/api/v1/seller/payouts/" + id, 401);
        w.get(p.customer().client(), "/api/v1/seller/payouts/" + id, 403);

        w.get(admin, "/api/v1/admin/payouts?status=pending", 200);
        w.get(admin, "/api/v1/admin/payouts?status=lost", 422);
        w.get(admin, "/api/v1/admin/payouts?cursor=not-a-cursor", 400);
        w.get(seller, "/api/v1/admin/payouts", 403);
        w.get(p.anon(), "/api/v1/admin/payouts", 401);

        String paid = "/api/v1/admin/payouts/" + id + "/paid";
        w.post(admin, paid, Map.of("reference", " "), 422);
        w.check("POST", paid, 415, admin.post(paid, "text/plain", "reference=x"));
        w.post(seller, paid, Map.of("reference", "SEPA-WALK-1"), 403);
        w.post(p.anon(), paid, Map.of("reference", "SEPA-WALK-1"), 401);
        w.post(admin, "/api/v1/admin/payouts/pay_nobody/paid", Map.of("reference", "SEPA-WALK-1"), 404);
        w.post(admin, paid, Map.of("reference", "SEPA-WALK-1"), 200);
        w.post(admin, paid, Map.of("reference", "SEPA-WALK-1"), 409);

        // a second payout for the same seller, which the bank bounces
        p.e().engine().component().ledger().post(new Posting("sale:payout-walk-2", "sale", null, "walk sale 2", List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(-1100, "EUR"), null, now),
                new LedgerEntry(Accounts.seller(p.seller().id()), Money.of(1100, "EUR"), null, now))));
        String second = null;
        for (JsonNode payout : w.post(admin, "/api/v1/admin/payouts/runs", 201).json().get("payouts")) {
            if (payout.get("sellerId").asText().equals(p.seller().id())) {
                second = payout.get("id").asText();
            }
        }
        String failed = "/api/v1/admin/payouts/" + second + "/failed";
        w.post(admin, failed, Map.of("reason", ""), 422);
        w.check("POST", failed, 415, admin.post(failed, "text/plain", "reason=x"));
        w.post(seller, failed, Map.of("reason", "bounced"), 403);
        w.post(p.anon(), failed, Map.of("reason", "bounced"), 401);
        w.post(admin, "/api/v1/admin/payouts/pay_nobody/failed", Map.of("reason", "bounced"), 404);
        w.post(admin, failed, Map.of("reason", "IBAN closed"), 200);
        w.post(admin, failed, Map.of("reason", "IBAN closed"), 409);
    }
}
