package io.vigil.platform.streams;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Appends envelopes to a Redis stream. Streams are capped (approximate MAXLEN) so a stalled consumer group
 * cannot fill the memory of Redis; the cap is sized for hours of backlog, not for retention.
 */
@ApplicationScoped
public class StreamPublisher {

    private final StreamCommands<String, String, String> streams;
    private final StreamsConfig config;

    public StreamPublisher(RedisDataSource redis, StreamsConfig config) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.config = config;
    }

    /** Appends one envelope; returns the stream entry id once Redis accepted it. */
    public String publish(String stream, Envelope envelope) {
        return streams.xadd(stream, args(), envelope.toFields());
    }

    /** Appends several envelopes in order; returns their entry ids. */
    public List<String> publishAll(String stream, List<Envelope> envelopes) {
        return envelopes.stream().map(e -> publish(stream, e)).toList();
    }

    private XAddArgs args() {
        return new XAddArgs().maxlen(config.maxLength()).nearlyExactTrimming();
    }
}
