package com.mintreu.engine.db;

import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way services open a transaction. A call made while the same thread is already inside a
 * transaction joins it: Jdbi hands nested callbacks the thread's open handle, and an inner
 * {@code inTransaction} neither commits nor rolls back on its own. So a service that must write
 * together with its caller's change (the license of a revoked entitlement, the entitlement of a
 * manual license) just calls {@link #inTransaction}; no public service method takes a
 * {@code Handle}. Stores keep taking the handle: they are SQL, package-private to their feature.
 */
@Singleton
public final class Tx {

    private final Jdbi jdbi;

    @Inject
    public Tx(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} in the thread's current transaction, or in a new one committed when it returns. */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    /** As {@link #inTransaction}, without a result. */
    public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
        jdbi.useTransaction(work);
    }
}
