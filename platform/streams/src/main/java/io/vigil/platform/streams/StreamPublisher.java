package io.vigil.platform.streams;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends envelopes to a Redis stream. When Redis is full (consumers far behind), the append fails and the
 * caller answers 503 with Retry-After: producers slow down, nothing is dropped.
 */
@ApplicationScoped
public class StreamPublisher {

    /** Entries sent in one pipelined round trip. */
    static final int PIPELINE = 1000;

    private final StreamCommands<String, String, String> streams;
    private final Redis client;
    private final StreamsConfig config;
    private final List<PublishCheck> checks;

    public StreamPublisher(RedisDataSource redis, Redis client, StreamsConfig config,
            jakarta.enterprise.inject.Instance<PublishCheck> checks) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.client = client;
        this.config = config;
        this.checks = checks.stream().toList();
    }

    /** Appends one envelope; returns the stream entry id once Redis accepted it. */
    public String publish(String stream, Envelope envelope) {
        checks.forEach(c -> c.check(stream, envelope));
        return append(stream, envelope);
    }

    /** Appends without the publish checks: for the outbox relay, whose rows were checked when they were added. */
    String append(String stream, Envelope envelope) {
        return config.maxLength() > 0 ? streams.xadd(stream, args(), envelope.toFields())
                : streams.xadd(stream, envelope.toFields());
    }

    /**
     * Appends several envelopes in order, pipelined ({@value #PIPELINE} per round trip instead of one each);
     * returns their entry ids once Redis accepted all of them.
     */
    public List<String> publishAll(String stream, List<Envelope> envelopes) {
        envelopes.forEach(e -> checks.forEach(c -> c.check(stream, e)));
        return appendAll(stream, envelopes.size(), i -> {
            Request r = xadd(stream);
            envelopes.get(i).toFields().forEach((k, v) -> r.arg(k).arg(v));
            return r;
        });
    }

    /**
     * Appends one entry per payload, each an envelope of {@code type} for the tenant with a new id, the
     * payload given as UTF-8 bytes (no String round trip: the gateway's event batches are large).
     */
    public List<String> publishPayloads(String stream, UUID tenantId, String type, Instant occurredAt,
            List<byte[]> payloads) {
        String tenant = tenantId.toString();
        String at = occurredAt.toString();
        if (!checks.isEmpty()) {
            for (byte[] p : payloads) {
                Envelope e = new Envelope(tenantId, UUID.randomUUID(), type, 1, occurredAt,
                        new String(p, java.nio.charset.StandardCharsets.UTF_8));
                checks.forEach(c -> c.check(stream, e));
            }
        }
        return appendAll(stream, payloads.size(), i -> xadd(stream).arg("tenantId").arg(tenant)
                .arg("id").arg(UUID.randomUUID().toString()).arg("type").arg(type)
                .arg("schemaVersion").arg("1").arg("occurredAt").arg(at).arg("payload").arg(payloads.get(i)));
    }

    private Request xadd(String stream) {
        Request r = Request.cmd(Command.XADD).arg(stream);
        if (config.maxLength() > 0) {
            r.arg("MAXLEN").arg("~").arg(config.maxLength());
        }
        return r.arg("*");
    }

    private List<String> appendAll(String stream, int count, java.util.function.IntFunction<Request> request) {
        List<String> ids = new ArrayList<>(count);
        io.vertx.mutiny.redis.client.RedisConnection connection = client.connectAndAwait();
        try {
            appendAll(connection, count, request, ids);
        } finally {
            connection.closeAndForget(); // back to the pool
        }
        return ids;
    }

    private void appendAll(io.vertx.mutiny.redis.client.RedisConnection connection, int count,
            java.util.function.IntFunction<Request> request, List<String> ids) {
        for (int from = 0; from < count; from += PIPELINE) {
            List<Request> batch = new ArrayList<>(Math.min(PIPELINE, count - from));
            for (int i = from; i < Math.min(count, from + PIPELINE); i++) {
                batch.add(request.apply(i));
            }
            // Sent together on one connection (pipelined) and awaited together. (The client's batch() is
            // avoided: its error path breaks on partial failures such as a full Redis.)
            List<io.smallrye.mutiny.Uni<Response>> sent = batch.stream().map(connection::send).toList();
            List<Response> responses = io.smallrye.mutiny.Uni.join().all(sent).andFailFast().await().indefinitely();
            for (Response response : responses) {
                ids.add(response.toString());
            }
        }
    }

    private XAddArgs args() {
        return new XAddArgs().maxlen(config.maxLength()).nearlyExactTrimming();
    }
}
