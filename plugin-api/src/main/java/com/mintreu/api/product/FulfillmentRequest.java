package com.mintreu.api.product;

import java.util.Map;

/**
 * One paid order line to fulfil.
 *
 * @param orderId    the order ({@code ord_...})
 * @param lineId     the line, unique per order line; the idempotency key of fulfilment
 * @param customerId the buyer ({@code usr_...})
 * @param productId  the product
 * @param planId     the plan bought
 * @param quantity   how many were bought (at least 1)
 * @param attributes the product's type attributes, as the seller set them
 * @param releaseId  the latest published file release when the product has one, else null
 */
public record FulfillmentRequest(String orderId, String lineId, String customerId, String productId, String planId,
        int quantity, Map<String, String> attributes, String releaseId) {

    public FulfillmentRequest {
        attributes = Map.copyOf(attributes);
    }
}
