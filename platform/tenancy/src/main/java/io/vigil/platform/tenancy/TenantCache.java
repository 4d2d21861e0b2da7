package io.vigil.platform.tenancy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A per-tenant value read on a hot path (every event, every match) and loaded at most once per
 * {@code ttl} per tenant. A change made through this instance invalidates at once; one made by another
 * instance is seen within the ttl. Safe for concurrent use; two threads missing together may both load.
 */
public final class TenantCache<V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Map<UUID, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier clock;

    public TenantCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    TenantCache(Duration ttl, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** The tenant's value, loaded with {@code load} when absent or older than the ttl. */
    public V get(UUID tenantId, Function<UUID, V> load) {
        long now = clock.getAsLong();
        Entry<V> e = entries.get(tenantId);
        if (e == null || now - e.loadedAt() > ttlNanos) {
            e = new Entry<>(load.apply(tenantId), now);
            entries.put(tenantId, e);
        }
        return e.value();
    }

    /** Forgets the tenant's value: the next {@link #get} loads it. */
    public void invalidate(UUID tenantId) {
        entries.remove(tenantId);
    }

    /** Forgets every tenant's value: for a change that concerns them all (a provider-wide indicator). */
    public void invalidateAll() {
        entries.clear();
    }
}
