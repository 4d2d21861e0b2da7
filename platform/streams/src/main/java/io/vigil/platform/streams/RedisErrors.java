package io.vigil.platform.streams;

import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Which Redis error a failure is, by the error's code as the client reads it ({@code NOGROUP},
 * {@code BUSYGROUP}, {@code OOM} ...), wherever it sits in the cause chain; never by message text.
 */
public final class RedisErrors {

    private RedisErrors() {
    }

    /** True when {@code e} is, or was caused by, the Redis error {@code code}. */
    public static boolean is(Throwable e, String code) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ErrorType redis && redis.is(code)) {
                return true;
            }
        }
        return false;
    }
}
