package io.vigil.platform.streams;

import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XPendingArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One member of a consumer group on one stream. Acknowledges an entry only after its handler's transaction
 * committed; entries left pending by a consumer that died are reclaimed by the others after
 * {@code reclaimIdle}. Two kinds of failure are told apart:
 * <ul>
 * <li>a dependency is down (PostgreSQL unreachable): the consumer pauses, reads and reclaims nothing, keeps
 * its entries pending and retries them with a growing back-off; readiness says so. An outage never sends an
 * entry to dead-letter.</li>
 * <li>the message fails on its own merits: an entry of several pieces (a batch of events) is cut into its
 * pieces at once and only the failing ones go to {@code <stream>.dead}; a single message is retried, and
 * goes to {@code <stream>.dead} with its reason once it has been delivered {@code maxDeliveries} times and
 * failed on its merits once more.</li>
 * </ul>
 */
public final class StreamConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);

    private final StreamCommands<String, String, String> streams;
    private final MessageProcessor processor;
    private final StreamTrimmer trimmer;
    private final StreamsConfig config;
    private final String stream;
    private final String group;
    private final String name;
    private final MessageHandler handler;
    private final Runnable onDeadLetter;
    private volatile Thread loop;
    private volatile boolean running;
    /** Why the consumer is paused (a dependency is down), or null while it works. */
    private volatile String unavailable;
    private long backoffMs;

    StreamConsumer(StreamCommands<String, String, String> streams, MessageProcessor processor, StreamTrimmer trimmer,
            StreamsConfig config, String stream, String group, String name, MessageHandler handler,
            Runnable onDeadLetter) {
        this.streams = streams;
        this.processor = processor;
        this.trimmer = trimmer;
        this.config = config;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.handler = handler;
        this.onDeadLetter = onDeadLetter;
        ensureGroup();
    }

    public String name() {
        return name;
    }

    public String stream() {
        return stream;
    }

    /** Why this consumer is paused, when a dependency it needs is down; empty while it works. */
    public java.util.Optional<String> unavailable() {
        return java.util.Optional.ofNullable(unavailable);
    }

    /**
     * After a pause: handles the entries this consumer holds pending, oldest first. Returns true when they
     * are all settled and the consumer works again, false when the dependency is still down.
     */
    public boolean resume() {
        unavailable = null;
        while (true) {
            List<StreamMessage<String, String, String>> own = streams.xreadgroup(group, name, stream, "0",
                    new XReadGroupArgs().count(config.batchSize()));
            if (own.isEmpty()) {
                return true;
            }
            int before = own.size();
            handleAll(own);
            if (unavailable != null) {
                return false;
            }
            if (pendingOf(own) == before) {
                return true; // what is left failed on its merits: reclaim and dead-letter take it from here
            }
        }
    }

    private int pendingOf(List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return streams.xpending(stream, group, StreamRange.of(entries.get(0).id(), entries.get(entries.size() - 1).id()),
                entries.size(), new XPendingArgs().consumer(name)).size();
    }

    /** Reads and handles new entries once; returns how many were acknowledged. */
    public int pollOnce() {
        XReadGroupArgs args = new XReadGroupArgs().count(config.batchSize()).block(config.block());
        List<StreamMessage<String, String, String>> batch;
        try {
            batch = streams.xreadgroup(group, name, stream, ">", args);
        } catch (RuntimeException e) {
            if (!RedisErrors.is(e, "NOGROUP")) {
                throw e;
            }
            // Redis lost the stream or the group (restarted without persistence, flushed): recreate it
            LOG.warnf("consumer %s on %s: the group is gone; recreating it", name, stream);
            ensureGroup();
            batch = streams.xreadgroup(group, name, stream, ">", args);
        }
        return handleAll(batch);
    }

    /**
     * Takes over entries that other consumers left pending for longer than {@code reclaimIdle}: those
     * delivered too often go to the dead-letter stream, the rest are handled here.
     */
    public int reclaim() {
        deadLetterExhausted();
        if (unavailable != null) {
            return 0;
        }
        ClaimedMessages<String, String, String> claimed =
                streams.xautoclaim(stream, group, name, config.reclaimIdle(), "0-0", config.batchSize());
        return handleAll(claimed.getMessages());
    }

    /** Starts a background loop that reclaims and polls until {@link #close()}. */
    public synchronized StreamConsumer start() {
        if (loop != null) {
            return this;
        }
        running = true;
        Thread t = new Thread(this::run, "consumer-" + stream + "-" + name);
        t.setDaemon(true);
        loop = t;
        t.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        Thread t = loop;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        long nextReclaim = 0;
        while (running) {
            try {
                if (unavailable != null) {
                    backoffMs = Math.min(Math.max(500, backoffMs * 2), 15_000);
                    sleepQuietly(backoffMs);
                    if (!resume()) {
                        continue;
                    }
                    LOG.infof("consumer %s on %s works again", name, stream);
                    backoffMs = 0;
                }
                if (System.nanoTime() >= nextReclaim) {
                    reclaim();
                    trimmer.trim(stream);
                    nextReclaim = System.nanoTime() + config.reclaimIdle().toNanos() / 2;
                }
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "consumer %s on %s: read failed; retrying", name, stream);
                sleepQuietly(1000);
            }
        }
    }

    private int handleAll(List<StreamMessage<String, String, String>> batch) {
        int acked = 0;
        for (StreamMessage<String, String, String> m : batch) {
            if (unavailable != null) {
                break; // the rest stay pending with this consumer until the dependency is back
            }
            if (m.payload() == null || m.payload().isEmpty()) {
                streams.xack(stream, group, m.id()); // trimmed away while pending: nothing left to handle
                continue;
            }
            Envelope envelope;
            try {
                envelope = Envelope.fromFields(m.payload());
            } catch (IllegalArgumentException e) {
                deadLetter(m.id(), m.payload(), e.getMessage());
                continue;
            }
            String refused = MessageHandler.refusal(handler, envelope);
            if (refused != null) {
                if (refused.isEmpty()) {
                    streams.xack(stream, group, m.id()); // a type meant for other readers of the stream
                    acked++;
                } else {
                    deadLetter(m.id(), m.payload(), refused);
                }
                continue;
            }
            MessageProcessor.Result r = processor.handle(stream, group, envelope, handler);
            switch (r.outcome()) {
                case DONE -> {
                    streams.xack(stream, group, m.id());
                    acked++;
                }
                case UNAVAILABLE -> pause(r.reason());
                case FAILED -> {
                    if (handler.parts(envelope).size() > 1 && settleInParts(m.id(), envelope)) {
                        acked++;
                    }
                }
            }
        }
        return acked;
    }

    /**
     * Handles each piece of an entry that failed as a whole: the good pieces commit, each failing one goes to
     * dead-letter with its reason. True when the entry is settled and acknowledged; false when a dependency
     * went down meanwhile (the entry stays pending; pieces already done are not done twice).
     */
    private boolean settleInParts(String entryId, Envelope envelope) {
        for (Envelope part : handler.parts(envelope)) {
            MessageProcessor.Result r = processor.handle(stream, group, part, handler);
            if (r.outcome() == MessageProcessor.Outcome.UNAVAILABLE) {
                pause(r.reason());
                return false;
            }
            if (r.outcome() == MessageProcessor.Outcome.FAILED) {
                Map<String, String> fields = new HashMap<>(part.toFields());
                fields.put("deadPartOf", envelope.id().toString());
                deadLetter(null, fields, r.reason());
            }
        }
        streams.xack(stream, group, entryId);
        return true;
    }

    private void pause(String reason) {
        if (unavailable == null) {
            LOG.warnf("consumer %s on %s pauses: %s", name, stream, reason);
        }
        unavailable = reason;
    }

    /**
     * Entries delivered {@code maxDeliveries} times get one more try here: done, they are acknowledged;
     * failing on their merits again, they go to dead-letter; with a dependency down, the consumer pauses and
     * they stay pending (an outage is never a reason to dead-letter).
     */
    private void deadLetterExhausted() {
        if (unavailable != null) {
            return;
        }
        XPendingArgs idle = new XPendingArgs().idle(config.reclaimIdle());
        List<PendingMessage> pending = streams.xpending(stream, group, StreamRange.of("-", "+"), config.batchSize(), idle);
        for (PendingMessage p : pending) {
            if (p.getDeliveryCount() < config.maxDeliveries()) {
                continue;
            }
            List<StreamMessage<String, String, String>> claimed =
                    streams.xclaim(stream, group, name, config.reclaimIdle(), p.getMessageId());
            for (StreamMessage<String, String, String> m : claimed) {
                lastTry(m, p.getDeliveryCount());
                if (unavailable != null) {
                    return;
                }
            }
        }
    }

    private void lastTry(StreamMessage<String, String, String> m, long deliveries) {
        if (m.payload() == null || m.payload().isEmpty()) {
            streams.xack(stream, group, m.id());
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.fromFields(m.payload());
        } catch (IllegalArgumentException e) {
            deadLetter(m.id(), m.payload(), e.getMessage());
            return;
        }
        String refused = MessageHandler.refusal(handler, envelope);
        if (refused != null) {
            if (refused.isEmpty()) {
                streams.xack(stream, group, m.id());
            } else {
                deadLetter(m.id(), m.payload(), refused);
            }
            return;
        }
        MessageProcessor.Result r = processor.handle(stream, group, envelope, handler);
        switch (r.outcome()) {
            case DONE -> streams.xack(stream, group, m.id());
            case UNAVAILABLE -> pause(r.reason());
            case FAILED -> {
                if (handler.parts(envelope).size() <= 1 || !settleInParts(m.id(), envelope)) {
                    if (unavailable == null) {
                        deadLetter(m.id(), m.payload(), "failed " + (deliveries + 1) + " deliveries: " + r.reason());
                    }
                }
            }
        }
    }

    /** Adds the message to the dead-letter stream with why; acknowledges the entry when one is named. */
    private void deadLetter(String entryId, Map<String, String> fields, String reason) {
        Map<String, String> dead = new HashMap<>(fields == null ? Map.of() : fields);
        dead.put("deadReason", reason == null ? "unknown" : reason);
        dead.put("deadGroup", group);
        dead.put("deadStream", stream);
        if (entryId != null) {
            dead.put("deadEntryId", entryId);
        }
        streams.xadd(deadLetterStream(stream), dead);
        if (entryId != null) {
            streams.xack(stream, group, entryId);
        }
        onDeadLetter.run();
        LOG.warnf("dead-lettered %s of %s for group %s: %s", entryId == null ? "a piece of an entry" : entryId, stream,
                group, reason);
    }

    public static String deadLetterStream(String stream) {
        return stream + ".dead";
    }

    private void ensureGroup() {
        try {
            streams.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!RedisErrors.is(e, "BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
