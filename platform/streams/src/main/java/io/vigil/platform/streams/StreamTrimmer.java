package io.vigil.platform.streams;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XPendingSummary;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps streams short without losing anything: removes only entries that every consumer group of the
 * stream has been delivered and has acknowledged (older than each group's oldest pending entry, or than its
 * last delivered one when nothing is pending). A stream nobody consumes is never trimmed; if consumers fall
 * far behind, Redis fills up and producers are told to retry (backpressure) rather than entries dropped.
 */
@ApplicationScoped
public class StreamTrimmer {

    private final StreamCommands<String, String, String> streams;
    private final Redis client;

    public StreamTrimmer(RedisDataSource redis, Redis client) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.client = client;
    }

    /** Trims what all groups are done with; returns how many entries went. */
    public long trim(String stream) {
        Response groups = client.sendAndAwait(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream));
        if (groups == null || groups.size() == 0) {
            return 0;
        }
        String safe = null;
        for (Response g : groups) {
            String name = g.get("name").toString();
            String lastDelivered = g.get("last-delivered-id").toString();
            XPendingSummary pending = streams.xpending(stream, name);
            String groupSafe = pending.getPendingCount() > 0 ? pending.getLowestId() : lastDelivered;
            if (safe == null || compare(groupSafe, safe) < 0) {
                safe = groupSafe;
            }
        }
        if (safe == null || safe.equals("0-0")) {
            return 0;
        }
        return streams.xtrim(stream, new XTrimArgs().minid(safe));
    }

    /** Orders stream ids ("millis-sequence") numerically. */
    static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(x.length > 1 ? x[1] : "0"), Long.parseLong(y.length > 1 ? y[1] : "0"));
    }
}
