package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;

/** One entry of an account as its owner sees it: the amount, why (posting kind and memo) and when. */
public record AccountEntry(String id, String kind, String orderId, String orderLineId, Money amount, long availableAt,
        long createdAt, String memo) {}
