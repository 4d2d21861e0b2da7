package io.vigil.ingest.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the intake: {@code vigil.ingest.*}. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Longest accepted line (one NDJSON event or raw log line), in bytes. */
    @WithDefault("1048576")
    int maxLineBytes();

    /** Most events in one request. */
    @WithDefault("10000")
    int maxBatchEvents();

    /** Deepest JSON nesting accepted in one event. */
    @WithDefault("64")
    int maxNestingDepth();

    /** Events per Redis stream entry ({@code event.batch}): fewer, larger entries cost Redis far less. */
    @WithDefault("100")
    int eventsPerEntry();

    /** How long key and tenant-status answers from Redis are cached (revocation takes effect within it). */
    @WithDefault("5s")
    java.time.Duration directoryCache();

    /** How often key last-use and log-source last-seen times are written to Redis. */
    @WithDefault("5s")
    String usageFlush();

    /** Default per-tenant limits; a tenant's own (Redis hash vigil:tenant-limits:<id>) replace them. */
    Rate rate();

    interface Rate {
        /** Sustained events per second per tenant; 0 turns rate limiting off. */
        @WithDefault("50000")
        long eventsPerSecond();

        /** Events a tenant may send at once above its rate (at least the rate itself). */
        @WithDefault("100000")
        long burst();

        /** Events per tenant per UTC day; 0 means no quota. */
        @WithDefault("0")
        long dailyQuota();
    }
}
