package com.mintreu.engine.account;

import java.util.Set;

/** The engine's roles; a new user is a customer. Admins hold every permission (see Exchange.requireRole). */
final class Roles {

    static final String ADMIN = "admin";
    static final String SELLER = "seller";
    static final String CUSTOMER = "customer";
    static final String AFFILIATE = "affiliate";
    static final Set<String> ALL = Set.of(ADMIN, SELLER, CUSTOMER, AFFILIATE);

    private Roles() {}
}
