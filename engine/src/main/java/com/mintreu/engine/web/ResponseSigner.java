package com.mintreu.engine.web;

import java.util.Map;

/**
 * Adds signature headers to API responses under some paths, so a client can detect a tampered or
 * replayed answer. Applied by {@link Exchange} to every JSON, text and problem+json response it
 * sends, after the body is serialized, so a feature's routes need not know they are signed.
 */
public interface ResponseSigner {

    /** The request header whose value is signed into the response, so a recorded answer cannot be replayed. */
    String NONCE_HEADER = "Mintreu-Nonce";

    /** Longest nonce accepted; longer ones are a 400. */
    int MAX_NONCE_LENGTH = 128;

    /** Whether responses to requests for {@code path} carry this signer's headers. */
    boolean appliesTo(String path);

    /**
     * The headers to add for a response with this status, {@code Date} header value and exact body
     * bytes; {@code nonce} is the request's {@value #NONCE_HEADER}, or "" when it had none.
     * Must not throw for any input: it runs inside the error path too.
     */
    Map<String, String> headers(int status, String date, byte[] body, String nonce);
}
