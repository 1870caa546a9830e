package com.mintreu.api.helpdesk;

/**
 * A file attached to a message. The engine has already checked its size and type and stored the
 * bytes through the storage SPI under {@code storageKey}; a helpdesk keeps only this reference.
 *
 * @param id          the engine's id ({@code att_...})
 * @param fileName    the name the uploader gave it, as typed (escape when rendering)
 * @param contentType the type the engine accepted, e.g. {@code image/png}
 * @param size        bytes
 * @param storageKey  where the storage backend keeps the bytes
 */
public record Attachment(String id, String fileName, String contentType, long size, String storageKey) {}
