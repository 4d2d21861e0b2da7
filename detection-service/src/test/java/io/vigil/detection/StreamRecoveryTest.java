package io.vigil.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.testing.SchemaCheckedPublishing;
import io.vigil.platform.testing.TestEvents;
import io.vigil.platform.streams.MessageProcessor;
import io.vigil.platform.streams.StreamConsumer;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery with idempotent handling: entries delivered to a consumer that dies before
 * acknowledging are reclaimed by another consumer and applied exactly once; an entry that keeps failing
 * ends in the dead-letter stream instead of blocking the group.
 */
@QuarkusTest
class StreamRecoveryTest {

    static final String GROUP = "detection-test";

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    MessageProcessor processor;
    @Inject
    EventStoreHandler eventStore;
    @Inject
    EventRepository events;
    @Inject
    RedisDataSource redis;
    @Inject
    CurrentTenant current;
    @Inject
    io.vigil.platform.streams.StreamTrimmer trimmer;

    @Test
    void aConsumerWhoseGroupVanishedRecreatesItAndGoesOn() throws Exception {
        String stream = "test.events." + UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        List<UUID> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamConsumer consumer = consumers.create(stream, "vanishing", "one", env -> applied.add(env.id()));
        Envelope before = TestEvents.event(tenant, "{\"n\":1}");
        publisher.publish(stream, before);
        assertEquals(1, consumer.pollOnce());
        // Redis loses the stream and its group (a restart without persistence, a flush).
        redis.key(String.class).del(stream);
        Envelope after = TestEvents.event(tenant, "{\"n\":2}");
        publisher.publish(stream, after);
        assertEquals(1, consumer.pollOnce(), "the group is recreated and the new entry read");
        assertEquals(List.of(before.id(), after.id()), applied);
    }

    @Test
    void entriesOfAConsumerThatDiedBeforeAckingAreReclaimedAndAppliedOnce() throws Exception {
        String stream = "test.events." + UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Envelope e = TestEvents.event(tenant, "{\"@timestamp\":\"2026-11-23T10:00:0" + i + "Z\",\"EventID\":4688,\"n\":" + i + "}");
            publisher.publish(stream, e);
            sent.add(e);
        }
        StreamCommands<String, String, String> cmd = redis.stream(String.class, String.class, String.class);
        Map<UUID, AtomicInteger> applied = new ConcurrentHashMap<>();
        io.vigil.platform.streams.MessageHandler counting = env -> {
            eventStore.handle(env);
            applied.computeIfAbsent(env.id(), k -> new AtomicInteger()).incrementAndGet();
        };

        // Consumer "doomed" reads everything, commits the first entry's work, then dies: nothing is acked.
        consumers.create(stream, GROUP, "doomed", counting);
        List<StreamMessage<String, String, String>> taken = cmd.xreadgroup(GROUP, "doomed", stream, ">");
        assertEquals(5, taken.size());
        assertTrue(processor.process(stream, GROUP, Envelope.fromFields(taken.get(0).payload()), counting));
        assertEquals(5, cmd.xpending(stream, GROUP).getPendingCount());

        // A survivor, after the reclaim idle time, takes over and finishes the work.
        trimmer.trim(stream);
        assertEquals(5, cmd.xlen(stream), "nothing pending is trimmed");
        StreamConsumer survivor = consumers.create(stream, GROUP, "survivor", counting);
        assertEquals(0, survivor.pollOnce(), "nothing new: the entries belong to the dead consumer");
        Thread.sleep(1200);
        assertEquals(5, survivor.reclaim());

        assertEquals(0, cmd.xpending(stream, GROUP).getPendingCount(), "all acknowledged");
        assertEquals(5, cmd.xlen(stream));
        trimmer.trim(stream);
        assertEquals(1, cmd.xlen(stream), "acknowledged entries go; the last delivered one marks the position");
        for (Envelope e : sent) {
            assertEquals(1, applied.get(e.id()).get(), "handler applied once for " + e.id());
            assertEquals(1L, storedCount(tenant, e.id()), "stored once: " + e.id());
        }
    }

    @Test
    void anEntryThatKeepsFailingIsDeadLetteredAfterMaxDeliveries() throws Exception {
        String stream = "test.events." + UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Envelope poison = new Envelope(tenant, UUID.randomUUID(), "event.normalized", 1, java.time.Instant.now(),
                "{not json");
        Envelope good = TestEvents.event(tenant, "{\"@timestamp\":\"2026-11-23T10:00:00Z\"}");
        SchemaCheckedPublishing.unchecked(() -> publisher.publish(stream, poison)); // broken on purpose
        publisher.publish(stream, good);

        StreamConsumer c = consumers.create(stream, GROUP, "only", eventStore);
        assertEquals(1, c.pollOnce(), "the good entry is handled despite the poison one before it");
        for (int attempt = 0; attempt < 4; attempt++) {
            Thread.sleep(1100);
            c.reclaim();
        }
        StreamCommands<String, String, String> cmd = redis.stream(String.class, String.class, String.class);
        assertEquals(0, cmd.xpending(stream, GROUP).getPendingCount());
        List<StreamMessage<String, String, String>> dead =
                cmd.xrange(StreamConsumer.deadLetterStream(stream), StreamRange.of("-", "+"));
        assertEquals(1, dead.size());
        assertEquals(poison.id().toString(), dead.get(0).payload().get("id"));
        assertTrue(dead.get(0).payload().get("deadReason").contains("deliveries"), dead.get(0).payload().toString());
        assertEquals(1L, storedCount(tenant, good.id()));
    }

    @Test
    void oneEventTheStoreRefusesGoesToDeadLetterAloneAndItsNeighboursAreStored() throws Exception {
        String stream = "test.events." + UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        UUID good1 = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        UUID good2 = UUID.randomUUID();
        String batch = String.join("\n",
                "{\"@timestamp\":\"2026-11-23T10:00:00Z\",\"event.id\":\"" + good1 + "\",\"EventID\":1}",
                "{\"@timestamp\":\"+999999999-01-01T00:00:00Z\",\"event.id\":\"" + bad + "\",\"EventID\":1}",
                "{\"@timestamp\":\"2026-11-23T10:00:01Z\",\"event.id\":\"" + good2 + "\",\"EventID\":1}");
        // A time the store cannot keep, which the gateway refuses since; the consumer must cope all the same.
        SchemaCheckedPublishing.unchecked(() -> publisher.publish(stream, TestEvents.batch(tenant, batch)));

        StreamConsumer c = consumers.create(stream, GROUP, "only", eventStore);
        assertEquals(1, c.pollOnce(), "the entry is settled at once: good events stored, the bad one set aside");
        assertEquals(1L, storedCount(tenant, good1));
        assertEquals(1L, storedCount(tenant, good2));
        assertEquals(0L, storedCount(tenant, bad));
        StreamCommands<String, String, String> cmd = redis.stream(String.class, String.class, String.class);
        assertEquals(0, cmd.xpending(stream, GROUP).getPendingCount());
        List<StreamMessage<String, String, String>> dead =
                cmd.xrange(StreamConsumer.deadLetterStream(stream), StreamRange.of("-", "+"));
        assertEquals(1, dead.size(), "only the bad event");
        assertEquals(bad.toString(), dead.get(0).payload().get("id"));
        assertTrue(dead.get(0).payload().get("deadReason").contains("out of range"), dead.get(0).payload().toString());
    }

    @Test
    void aDependencyOutagePausesTheConsumerAndNeverDeadLetters() throws Exception {
        String stream = "test.events." + UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Envelope e = TestEvents.event(tenant, "{\"@timestamp\":\"2026-11-23T10:00:00Z\"}");
        publisher.publish(stream, e);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<UUID> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.vigil.platform.streams.MessageHandler needsDatabase = env -> {
            if (down.get()) {
                throw new IllegalStateException("cannot reach PostgreSQL",
                        new java.net.ConnectException("Connection refused"));
            }
            applied.add(env.id());
        };
        StreamConsumer first = consumers.create(stream, "outage", "first", needsDatabase);
        StreamConsumer second = consumers.create(stream, "outage", "second", needsDatabase);
        assertEquals(0, first.pollOnce());
        assertTrue(first.unavailable().isPresent(), "paused");
        assertTrue(consumers.paused().keySet().stream().anyMatch(k -> k.endsWith("/first")), consumers.paused().toString());
        // Far more redelivery rounds than max-deliveries (3 in tests): the other consumer keeps trying too.
        for (int round = 0; round < 6; round++) {
            Thread.sleep(1100);
            second.reclaim();
        }
        StreamCommands<String, String, String> cmd = redis.stream(String.class, String.class, String.class);
        assertEquals(0L, cmd.xlen(StreamConsumer.deadLetterStream(stream)), "nothing dead-lettered for an outage");
        assertEquals(1, cmd.xpending(stream, "outage").getPendingCount(), "the entry is still pending");

        down.set(false); // PostgreSQL is back
        assertTrue(second.resume() && first.resume());
        second.reclaim();
        first.reclaim();
        Thread.sleep(1100);
        first.reclaim();
        assertEquals(List.of(e.id()), applied, "handled once, after the outage");
        assertEquals(0, cmd.xpending(stream, "outage").getPendingCount());
        assertTrue(first.unavailable().isEmpty() && second.unavailable().isEmpty());
    }

    private long storedCount(UUID tenant, UUID id) {
        var request = io.quarkus.arc.Arc.container().requestContext();
        request.activate();
        try {
            current.set(new TenantContext("test", Set.of(tenant), Set.of(), TenantContext.Source.MESSAGE));
            return QuarkusTransaction.requiringNew().call(() -> events.countFor(tenant, id));
        } finally {
            request.terminate();
        }
    }
}
