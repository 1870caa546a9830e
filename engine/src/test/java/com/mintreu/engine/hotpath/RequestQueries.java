package com.mintreu.engine.hotpath;

import com.mintreu.engine.testing.TestEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Records the SQL that an engine's request threads (Undertow workers, "XNIO-n task-m", and its IO
 * threads, "XNIO-n I/O-m", which answer from memory and must never run any) run, through
 * Jdbi's SqlLogger, keeping the engine's own logger in the chain. Background threads (the change
 * poller, the validation tally's batched flush) are not requests and are not recorded.
 */
public final class RequestQueries implements AutoCloseable {

    private final TestEngine engine;
    private final SqlLogger previous;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private RequestQueries(TestEngine engine) {
        this.engine = engine;
        SqlStatements statements = engine.jdbi().getConfig(SqlStatements.class);
        this.previous = statements.getSqlLogger();
        statements.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext ctx) {
                String thread = Thread.currentThread().getName();
                if (thread.contains(" task-") || thread.contains(" I/O-")) {
                    seen.add(ctx.getRawSql());
                }
                previous.logBeforeExecution(ctx);
            }

            @Override
            public void logAfterExecution(StatementContext ctx) {
                previous.logAfterExecution(ctx);
            }

            @Override
            public void logException(StatementContext ctx, java.sql.SQLException ex) {
                previous.logException(ctx, ex);
            }
        });
    }

    /** Starts recording on {@code engine}; close to put the engine's logger back. */
    public static RequestQueries on(TestEngine engine) {
        return new RequestQueries(engine);
    }

    /** The statements request threads ran since {@link #on} or the last {@link #clear}. */
    public List<String> statements() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        engine.jdbi().getConfig(SqlStatements.class).setSqlLogger(previous);
    }
}
