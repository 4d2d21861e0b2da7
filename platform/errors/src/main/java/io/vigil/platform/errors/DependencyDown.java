package io.vigil.platform.errors;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure of the work itself from a dependency (PostgreSQL, Redis, Keycloak) that is down. A stream
 * consumer pauses for the second and never dead-letters a message for it; an API answers it 503 with
 * {@code Retry-After}, which log shippers and clients retry, instead of 500.
 */
public final class DependencyDown {

    private DependencyDown() {
    }

    /** True when something in the cause chain says a dependency is unreachable or refusing work for now. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")
                    || name.equals("jakarta.transaction.SystemException")
                    || String.valueOf(t.getMessage()).contains("acquisition timeout")
                    || String.valueOf(t.getMessage()).contains("Connection refused")) {
                return true; // the pool could not hand out a connection; a client could not connect
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes of a server that is unreachable or going away (08 connection, 57P admin shutdown and
     * crash recovery, 53 out of resources) or a transaction lost to concurrency (40: serialization,
     * deadlock), which a retry resolves.
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.startsWith("40"));
    }

    /** A short reason (for a dead-letter entry, a log line): the deepest message, never a stack trace. */
    public static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String m = String.valueOf(deepest.getMessage());
        return m.length() > 500 ? m.substring(0, 500) : m;
    }
}
