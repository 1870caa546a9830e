package com.mintreu.api.web;

/**
 * Handles one HTTP request to a route a plugin registered with {@link WebRoutes}. Called by the
 * engine on a worker thread through the plugin dispatcher (with its timeout); must not keep the
 * request after returning and must not write to the response by any other way.
 */
@FunctionalInterface
public interface WebHandler {

    /**
     * Answers one request. A thrown exception becomes a 500 with an error id (the message is
     * logged, never shown), so throw only for unexpected failures and return 4xx responses for
     * bad input.
     */
    WebResponse handle(WebRequest request) throws Exception;
}
