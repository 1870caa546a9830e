package com.mintreu.engine.payout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The ledger accounts payouts pay and the users behind them: sellers' own ({@code seller:<user id>},
 * built in) and the kinds other features declare with {@link Payees} ({@code affiliate:<affiliate id>}).
 */
@Singleton
final class PayeeAccounts {

    static final String SELLER = "seller";

    private final Map<String, Payees> others = new TreeMap<>();

    @Inject
    PayeeAccounts(Set<Payees> declared) {
        declared.forEach(p -> others.put(p.kind(), p));
    }

    /** The account kinds a run pays: sellers', then the declared ones. */
    List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of(SELLER));
        kinds.addAll(others.keySet());
        return kinds;
    }

    /** The user paid for {@code account}: the seller themself, or the owner a {@link Payees} names; empty for an unknown owner. */
    Optional<String> userOf(String account) {
        int colon = account.indexOf(':');
        String kind = account.substring(0, colon);
        String owner = account.substring(colon + 1);
        if (kind.equals(SELLER)) {
            return Optional.of(owner);
        }
        return Optional.ofNullable(others.get(kind)).flatMap(p -> p.userOf(owner));
    }

    /** Every account {@code userId} may be paid from: their seller account, and their account of each declared kind they have. */
    List<String> accountsOf(String userId) {
        List<String> accounts = new ArrayList<>(List.of(SELLER + ":" + userId));
        others.values().forEach(p -> p.ownerOf(userId).ifPresent(owner -> accounts.add(p.kind() + ":" + owner)));
        return accounts;
    }
}
