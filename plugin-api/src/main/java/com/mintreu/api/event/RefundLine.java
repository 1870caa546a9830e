package com.mintreu.api.event;

import com.mintreu.api.money.Money;

/**
 * One order line's part of a refund.
 *
 * @param lineId the order line ({@code oln_...})
 * @param amount how much of the line is refunded; positive, in the order's currency
 */
public record RefundLine(String lineId, Money amount) {}
