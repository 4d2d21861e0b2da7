package io.vigil.platform.streams;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Stream tuning shared by every service: {@code vigil.streams.*}. */
@ConfigMapping(prefix = "vigil.streams")
public interface StreamsConfig {

    /** Whether the service's own background consumers run (tests that drive consumers by hand turn them off). */
    @WithDefault("true")
    boolean consumersEnabled();

    /**
     * Emergency cap on a stream's length (approximate); 0, the default, means none: streams are trimmed only
     * of what every consumer group acknowledged (see StreamTrimmer), so a cap would drop unconsumed entries.
     */
    @WithDefault("0")
    long maxLength();

    /**
     * Background consumers per stream in this process. More than one lets one busy tenant (whose events all
     * land on one shard) use more than one thread; entries of one stream are then handled out of order,
     * which handlers that keep their state in the database (with row locks) tolerate.
     */
    @WithDefault("1")
    int consumersPerStream();

    /** Entries read per XREADGROUP call. */
    @WithDefault("100")
    int batchSize();

    /** How long one read blocks waiting for new entries. */
    @WithDefault("PT1S")
    Duration block();

    /** How long an entry stays pending with a consumer before another consumer reclaims it. */
    @WithDefault("PT30S")
    Duration reclaimIdle();

    /** Deliveries after which an entry that keeps failing goes to the dead-letter stream. */
    @WithDefault("5")
    int maxDeliveries();

    /** How often the outbox relay sweeps for rows a commit hook did not publish. */
    @WithDefault("PT2S")
    Duration outboxSweep();
}
