package io.vigil.platform.streams;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What staff do with {@code <stream>.dead}: list the messages there (with why they failed), and put them
 * back on their stream once the cause is fixed. Only messages of tenants the caller may see are listed or
 * replayed. A replayed message is the original envelope again; consumers are idempotent, so one that was
 * applied after all is not applied twice.
 */
@ApplicationScoped
public class DeadLetters {

    /** One message in a dead-letter stream. */
    public record DeadLetter(String entryId, UUID tenantId, UUID messageId, String type, String reason, String group,
            String partOf, Instant deadAt, String payload) {
    }

    /** A page of dead letters, oldest first; {@code nextCursor} null at the end. */
    public record Listing(String stream, long length, List<DeadLetter> items, String nextCursor) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,120}\\.dead");
    private static final int SCAN = 500;

    private final StreamCommands<String, String, String> streams;

    public DeadLetters(RedisDataSource redis) {
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    public Listing list(String deadStream, int limit, String cursor, TenantContext caller) {
        check(deadStream);
        List<DeadLetter> items = new ArrayList<>();
        String from = cursor == null || cursor.isBlank() ? "-" : "(" + entryId(cursor);
        boolean end = false;
        while (items.size() <= limit && !end) { // one more than a page tells whether another follows
            List<StreamMessage<String, String, String>> batch = streams.xrange(deadStream, StreamRange.of(from, "+"), SCAN);
            end = batch.size() < SCAN;
            for (StreamMessage<String, String, String> m : batch) {
                from = "(" + m.id();
                if (visible(m, caller)) {
                    items.add(toDeadLetter(m));
                    if (items.size() > limit) {
                        break;
                    }
                }
            }
        }
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = items.get(limit - 1).entryId();
        }
        return new Listing(deadStream, streams.xlen(deadStream), List.copyOf(items), next);
    }

    /**
     * Puts the named entries (all the caller may see, when none is named) back on the stream they died on,
     * and removes them from the dead-letter stream. Returns how many went back.
     */
    public int replay(String deadStream, List<String> entryIds, TenantContext caller) {
        check(deadStream);
        List<StreamMessage<String, String, String>> chosen = new ArrayList<>();
        if (entryIds == null || entryIds.isEmpty()) {
            String from = "-";
            List<StreamMessage<String, String, String>> batch;
            do {
                batch = streams.xrange(deadStream, StreamRange.of(from, "+"), SCAN);
                for (StreamMessage<String, String, String> m : batch) {
                    from = "(" + m.id();
                    if (visible(m, caller)) {
                        chosen.add(m);
                    }
                }
            } while (batch.size() == SCAN);
        } else {
            for (String id : entryIds) {
                String entry = entryId(id);
                List<StreamMessage<String, String, String>> one = streams.xrange(deadStream, StreamRange.of(entry, entry));
                if (one.isEmpty() || !visible(one.get(0), caller)) {
                    throw new ProblemException.NotFound("no dead letter " + id + " in " + deadStream);
                }
                chosen.add(one.get(0));
            }
        }
        for (StreamMessage<String, String, String> m : chosen) {
            Map<String, String> original = new HashMap<>(m.payload());
            String target = original.getOrDefault("deadStream", deadStream.substring(0, deadStream.length() - ".dead".length()));
            original.keySet().removeIf(k -> k.startsWith("dead"));
            streams.xadd(target, original);
            streams.xdel(deadStream, m.id());
        }
        return chosen.size();
    }

    private static boolean visible(StreamMessage<String, String, String> m, TenantContext caller) {
        String tenant = m.payload() == null ? null : m.payload().get("tenantId");
        if (caller.allTenants()) {
            return true;
        }
        try {
            return tenant != null && caller.allows(UUID.fromString(tenant));
        } catch (IllegalArgumentException e) {
            return false; // a message whose tenant cannot be read is for staff serving every tenant
        }
    }

    private static DeadLetter toDeadLetter(StreamMessage<String, String, String> m) {
        Map<String, String> f = m.payload();
        long millis = Long.parseLong(m.id().substring(0, m.id().indexOf('-')));
        return new DeadLetter(m.id(), uuid(f.get("tenantId")), uuid(f.get("id")), f.get("type"), f.get("deadReason"),
                f.get("deadGroup"), f.get("deadPartOf"), Instant.ofEpochMilli(millis), f.get("payload"));
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void check(String deadStream) {
        if (deadStream == null || !NAME.matcher(deadStream).matches()) {
            throw new ProblemException.BadRequest("stream must name a dead-letter stream (<stream>.dead, e.g. events.2.dead)");
        }
    }

    private static String entryId(String id) {
        if (!id.matches("\\d{1,20}-\\d{1,20}")) {
            throw new ProblemException.BadRequest("'" + id + "' is not a stream entry id (<millis>-<seq>)");
        }
        return id;
    }
}
