package com.mintreu.engine.catalog;

/** A versioned file of a product, as stored in the storage backend under {@code storageKey}. */
public record Release(String id, String productId, String version, String notes, String fileName, String storageKey,
        long size, String sha256, long createdAt) {}
