package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.util.List;

/**
 * When the next scheduled payout run is ({@code at}, epoch ms; written as a timestamp) and what it
 * would pay one account per currency: the available balance, paid when it reaches the minimum.
 */
public record NextPayout(long at, List<Amount> amounts) {

    /** One currency: {@code paid} is false while {@code available} is below {@code minimum} (nothing is paid then). */
    public record Amount(Money available, Money minimum, boolean paid) {}
}
