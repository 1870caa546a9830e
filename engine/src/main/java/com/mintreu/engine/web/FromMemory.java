package com.mintreu.engine.web;

/**
 * A route's warm answer, given on the IO thread that read the request, from what this node holds in
 * memory: no thread switch, no database. A hot path (a license validation, a key verification) is
 * mostly that switch when its data is remembered, so answering here is what makes it cheap.
 *
 * <p>It must not block: no JDBC, no plugin call, no file or network IO. When it cannot answer from
 * memory it returns false, or throws, <em>before</em> it has changed anything or written to the
 * response; the route's {@link Handler} then runs on a worker as usual and gives the full answer
 * (loading what was missing, or the error page for what threw).
 */
@FunctionalInterface
public interface FromMemory {

    /** Answers and returns true, or returns false having done nothing. */
    boolean answer(Exchange exchange) throws Exception;
}
