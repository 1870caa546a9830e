package com.mintreu.engine.account;

import java.sql.SQLException;

/** Reading database failures the same way on SQLite and PostgreSQL. */
final class Sql {

    private Sql() {}

    /** True when {@code e} (or a cause) is a UNIQUE violation: SQLSTATE 23505 on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE on SQLite. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String message = String.valueOf(sql.getMessage());
                if ("23505".equals(sql.getSQLState()) || message.contains("UNIQUE constraint failed") || message.contains("SQLITE_CONSTRAINT_UNIQUE")) {
                    return true;
                }
            }
        }
        return false;
    }
}
