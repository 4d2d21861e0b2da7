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
 * {@code reclaimIdle}; an entry that failed {@code maxDeliveries} times goes to {@code <stream>.dead} with
 * the reason, so a poison message neither blocks the group nor gets lost.
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
    private volatile Thread loop;
    private volatile boolean running;

    StreamConsumer(StreamCommands<String, String, String> streams, MessageProcessor processor, StreamTrimmer trimmer,
            StreamsConfig config, String stream, String group, String name, MessageHandler handler) {
        this.streams = streams;
        this.processor = processor;
        this.trimmer = trimmer;
        this.config = config;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.handler = handler;
        ensureGroup();
    }

    public String name() {
        return name;
    }

    /** Reads and handles new entries once; returns how many were acknowledged. */
    public int pollOnce() {
        XReadGroupArgs args = new XReadGroupArgs().count(config.batchSize()).block(config.block());
        List<StreamMessage<String, String, String>> batch;
        try {
            batch = streams.xreadgroup(group, name, stream, ">", args);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOGROUP")) {
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
            if (processor.process(stream, group, envelope, handler)) {
                streams.xack(stream, group, m.id());
                acked++;
            }
        }
        return acked;
    }

    private void deadLetterExhausted() {
        XPendingArgs idle = new XPendingArgs().idle(config.reclaimIdle());
        List<PendingMessage> pending = streams.xpending(stream, group, StreamRange.of("-", "+"), config.batchSize(), idle);
        for (PendingMessage p : pending) {
            if (p.getDeliveryCount() < config.maxDeliveries()) {
                continue;
            }
            List<StreamMessage<String, String, String>> claimed =
                    streams.xclaim(stream, group, name, config.reclaimIdle(), p.getMessageId());
            for (StreamMessage<String, String, String> m : claimed) {
                deadLetter(m.id(), m.payload(), "failed " + p.getDeliveryCount() + " deliveries");
            }
        }
    }

    private void deadLetter(String entryId, Map<String, String> fields, String reason) {
        Map<String, String> dead = new HashMap<>(fields == null ? Map.of() : fields);
        dead.put("deadReason", reason);
        dead.put("deadGroup", group);
        dead.put("deadEntryId", entryId);
        streams.xadd(deadLetterStream(stream), dead);
        streams.xack(stream, group, entryId);
        LOG.warnf("dead-lettered %s of %s for group %s: %s", entryId, stream, group, reason);
    }

    public static String deadLetterStream(String stream) {
        return stream + ".dead";
    }

    private void ensureGroup() {
        try {
            streams.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
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
