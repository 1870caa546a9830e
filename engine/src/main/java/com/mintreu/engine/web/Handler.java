package com.mintreu.engine.web;

/** Handles one request. Runs on a worker thread, so it may block on JDBC. */
@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws Exception;
}
