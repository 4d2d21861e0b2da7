package io.vigil.platform.streams;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Names of the streams that carry normalised telemetry: {@code events.<shard>}, a tenant always on the same
 * shard so its events stay in order, and shards spread across consumers as the provider grows.
 */
@ConfigMapping(prefix = "vigil.streams.events")
public interface EventStreams {

    String PREFIX = "events.";
    /** An entry holding one normalised event (its JSON as the payload). */
    String EVENT = "event.normalized";
    /**
     * An entry holding several normalised events of one tenant, one JSON object per line, in order; each
     * carries its own {@code event.id}. The gateway writes these: one Redis entry per up to
     * {@code vigil.ingest.events-per-entry} events instead of one per event.
     */
    String EVENT_BATCH = "event.batch";

    /** How many shards; changing it moves tenants between shards, so set it once per installation. */
    @WithDefault("4")
    int shards();

    default String streamFor(UUID tenantId) {
        return PREFIX + Math.floorMod(tenantId.hashCode(), shards());
    }

    default List<String> all() {
        return IntStream.range(0, shards()).mapToObj(i -> PREFIX + i).toList();
    }
}
