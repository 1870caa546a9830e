package com.mintreu.engine.catalog;

/** A product picture, served at {@code /media/{id}}. */
public record ProductImage(String id, String productId, String storageKey, String contentType, long size, String sha256, long createdAt) {}
