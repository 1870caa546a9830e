package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.Accounts;
import com.mintreu.engine.ledger.LedgerEntry;
import com.mintreu.engine.ledger.Posting;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestUsers;
import java.util.List;

/** The affiliate API in {@link ApiWalkTest}: joining, the figures, referred orders and a payout of commission. */
final class AffiliateWalk {

    private AffiliateWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient affiliate = TestUsers.signIn(p.e(), "customer").client();
        TestClient stranger = TestUsers.signIn(p.e(), "customer").client();

        w.get(affiliate, "/api/v1/affiliate", 404);
        w.get(p.anon(), "/api/v1/affiliate", 401);
        w.post(p.anon(), "/api/v1/affiliate", 401);
        String id = w.post(affiliate, "/api/v1/affiliate", 201).json().get("id").asText();
        w.post(affiliate, "/api/v1/affiliate", 200);
        w.get(affiliate, "/api/v1/affiliate", 200);

        w.get(affiliate, "/api/v1/affiliate/conversions", 200);
        w.get(affiliate, "/api/v1/affiliate/conversions?limit=0", 422);
        w.get(affiliate, "/api/v1/affiliate/conversions?cursor=not-a-cursor", 400);
        w.get(p.anon(), "/api/v1/affiliate/conversions", 401);
        w.get(stranger, "/api/v1/affiliate/conversions", 404);

        // a commission that is available, paid by the admin's run
        long now = p.e().clock().millis();
        p.e().engine().component().ledger().post(new Posting("affiliate:walk", "commission", null, "walk commission", List.of(
                new LedgerEntry(Accounts.seller("usr_affiliate_walk_seller"), Money.of(-1500, "EUR"), null, now),
                new LedgerEntry(Accounts.affiliate(id), Money.of(1500, "EUR"), null, now))));
        p.e().engine().component().ledger().post(new Posting("sale:affiliate-walk", "sale", null, "walk sale", List.of(
                new LedgerEntry(Accounts.CUSTOMER, Money.of(-1500, "EUR"), null, now),
                new LedgerEntry(Accounts.seller("usr_affiliate_walk_seller"), Money.of(1500, "EUR"), null, now))));
        boolean paid = false;
        for (JsonNode payout : w.post(p.admin(), "/api/v1/admin/payouts/runs", 201).json().get("payouts")) {
            paid |= payout.get("account").asText().equals(Accounts.affiliate(id));
        }
        if (!paid) {
            throw new AssertionError("the run paid the walking affiliate nothing");
        }
        JsonNode payouts = w.get(affiliate, "/api/v1/affiliate/payouts", 200).json().get("data");
        if (payouts.size() != 1 || !payouts.get(0).get("payeeKind").asText().equals("affiliate")) {
            throw new AssertionError("the affiliate's payouts: " + payouts);
        }
        w.get(affiliate, "/api/v1/affiliate/payouts?limit=0", 422);
        w.get(affiliate, "/api/v1/affiliate/payouts?cursor=not-a-cursor", 400);
        w.get(p.anon(), "/api/v1/affiliate/payouts", 401);
        w.get(stranger, "/api/v1/affiliate/payouts", 404);
    }
}
