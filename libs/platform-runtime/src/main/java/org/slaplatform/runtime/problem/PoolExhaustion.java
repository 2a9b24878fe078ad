package org.slaplatform.runtime.problem;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;

/**
 * Recognises "no database connection in time" among a request's failures: the reactive pool's wait
 * timing out or its wait queue being full ({@link org.slaplatform.runtime.db.BoundedPoolCreator}), and
 * Agroal's acquisition timeout on the JDBC pool. Those requests changed nothing and can be retried,
 * so they are answered 503, not 500.
 */
final class PoolExhaustion {

    private static final int MAX_DEPTH = 16;

    private PoolExhaustion() {
    }

    static boolean isCause(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < MAX_DEPTH; depth++, e = e.getCause()) {
            if (e instanceof ConnectionPoolTooBusyException) {
                return true;
            }
            // Vert.x's pool fails a waiter with a stack-less "Timeout" (NoStackTraceTimeoutException in
            // 4.5, NoStackTraceThrowable in older versions).
            boolean vertx = e.getClass().getName().startsWith("io.vertx.");
            if (vertx && (e instanceof TimeoutException || e instanceof NoStackTraceThrowable)
                    && "Timeout".equals(e.getMessage())) {
                return true;
            }
            if (e instanceof SQLException && e.getMessage() != null
                    && e.getMessage().startsWith("Sorry, acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
