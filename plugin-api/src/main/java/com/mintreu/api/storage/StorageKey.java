package com.mintreu.api.storage;

import java.util.regex.Pattern;

/**
 * The one rule for object keys, shared by the engine and every {@link StorageBackend}: segments
 * separated by {@code /}, each of ASCII letters, digits, {@code .}, {@code _} and {@code -},
 * not starting with a dot (so no {@code .}, {@code ..} or hidden files), no leading, trailing or
 * doubled slash, at most 512 characters. With these rules a key cannot escape a backend's root
 * on any file system or object store.
 */
public final class StorageKey {

    /** The longest accepted key. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private StorageKey() {
    }

    /**
     * Returns {@code key} when it is valid.
     *
     * @throws StorageException with {@link StorageException.Reason#INVALID_KEY} naming the rule broken
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(key, "must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw invalid(key.substring(0, 40) + "…", "must be at most " + MAX_LENGTH + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw invalid(key, "each '/'-separated part must be 1-128 of A-Z a-z 0-9 . _ - and not start with '.'");
            }
        }
        return key;
    }

    /** Whether {@link #check(String)} would accept {@code key}. */
    public static boolean isValid(String key) {
        try {
            check(key);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private static StorageException invalid(String key, String rule) {
        return new StorageException(StorageException.Reason.INVALID_KEY, "invalid storage key '" + key + "': " + rule);
    }
}
