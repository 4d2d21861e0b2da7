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

    public StreamPublisher(RedisDataSource redis, Redis client, StreamsConfig config) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.client = client;
        this.config = config;
    }

    /** Appends one envelope; returns the stream entry id once Redis accepted it. */
    public String publish(String stream, Envelope envelope) {
        return config.maxLength() > 0 ? streams.xadd(stream, args(), envelope.toFields())
                : streams.xadd(stream, envelope.toFields());
    }

    /**
     * Appends several envelopes in order, pipelined ({@value #PIPELINE} per round trip instead of one each);
     * returns their entry ids once Redis accepted all of them.
     */
    public List<String> publishAll(String stream, List<Envelope> envelopes) {
        List<String> ids = new ArrayList<>(envelopes.size());
        io.vertx.mutiny.redis.client.RedisConnection connection = client.connectAndAwait();
        try {
            appendAll(connection, stream, envelopes, ids);
        } finally {
            connection.closeAndForget(); // back to the pool
        }
        return ids;
    }

    private void appendAll(io.vertx.mutiny.redis.client.RedisConnection connection, String stream, List<Envelope> envelopes,
            List<String> ids) {
        for (int from = 0; from < envelopes.size(); from += PIPELINE) {
            List<Request> batch = new ArrayList<>(Math.min(PIPELINE, envelopes.size() - from));
            for (Envelope e : envelopes.subList(from, Math.min(envelopes.size(), from + PIPELINE))) {
                Request r = Request.cmd(Command.XADD).arg(stream);
                if (config.maxLength() > 0) {
                    r.arg("MAXLEN").arg("~").arg(config.maxLength());
                }
                r.arg("*");
                e.toFields().forEach((k, v) -> r.arg(k).arg(v));
                batch.add(r);
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
