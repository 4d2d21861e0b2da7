package io.vigil.platform.streams;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.vigil.platform.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The installation's tenants as the Redis set {@value #KEY}: tenant-service adds each tenant when it is
 * created (and heals the set from Keycloak's tenant groups), every service adds the tenants it sees vouched
 * for. Read at most once per ttl; while Redis cannot be read, the last list read and the tenants this process
 * has seen stand in, so a Redis outage never shrinks what provider-wide staff see.
 */
// Unremovable: the connection interceptor looks it up programmatically.
@io.quarkus.arc.Unremovable
@ApplicationScoped
public class RedisTenantDirectory implements TenantDirectory {

    public static final String KEY = "vigil:tenants";
    private static final Logger LOG = Logger.getLogger(RedisTenantDirectory.class);

    private final SetCommands<String, String> sets;
    private final long ttlNanos;
    /** Seen by this process: part of {@link #all()} whatever Redis says. */
    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
    /** Of {@link #seen}, those Redis is known to hold. */
    private final Set<UUID> published = ConcurrentHashMap.newKeySet();
    private volatile Set<UUID> listed = Set.of();
    private volatile Set<UUID> snapshot = Set.of();
    private volatile long loadedAt;
    private volatile boolean loaded;
    /** After Redis refused an add, no other is tried before this (a connection waits on no Redis timeout). */
    private volatile long addsPausedUntil;

    public RedisTenantDirectory(RedisDataSource redis,
            @ConfigProperty(name = "vigil.tenancy.directory-ttl", defaultValue = "10s") Duration ttl) {
        this.sets = redis.set(String.class);
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Set<UUID> all() {
        if (!loaded || System.nanoTime() - loadedAt > ttlNanos) {
            refresh();
        }
        return snapshot;
    }

    @Override
    public void saw(Collection<UUID> tenants) {
        for (UUID t : tenants) {
            if (published.contains(t)) {
                continue;
            }
            if (seen.add(t)) {
                rebuild();
            }
            long paused = addsPausedUntil;
            if (paused != 0 && System.nanoTime() - paused < 0) {
                continue;
            }
            try {
                sets.sadd(KEY, t.toString());
                published.add(t);
            } catch (RuntimeException e) {
                addsPausedUntil = System.nanoTime() + 5_000_000_000L;
                LOG.debugf("tenant %s not added to the directory yet (Redis: %s), retried on its next use", t, e.getMessage());
            }
        }
    }

    /**
     * Writes {@code tenants}, and every tenant this process has seen, into Redis whatever it is believed to
     * hold (the healing path after Redis lost its data), then reloads.
     */
    public void restore(Collection<UUID> tenants) {
        Set<UUID> all = new HashSet<>(tenants);
        all.addAll(seen);
        if (!all.isEmpty()) {
            sets.sadd(KEY, all.stream().map(UUID::toString).toArray(String[]::new));
        }
        seen.addAll(all);
        published.addAll(all);
        refresh();
    }

    @Override
    public synchronized void refresh() {
        try {
            Set<UUID> read = new HashSet<>();
            for (String s : sets.smembers(KEY)) {
                try {
                    read.add(UUID.fromString(s));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("the tenant directory %s holds a member that is not a tenant id: '%s' (ignored)", KEY, s);
                }
            }
            listed = read;
        } catch (RuntimeException e) {
            LOG.debugf("tenant directory not read (Redis: %s): the last list stands", e.getMessage());
        }
        loadedAt = System.nanoTime();
        loaded = true;
        rebuild();
    }

    private void rebuild() {
        Set<UUID> all = new HashSet<>(listed);
        all.addAll(seen);
        snapshot = Collections.unmodifiableSet(all);
    }
}
