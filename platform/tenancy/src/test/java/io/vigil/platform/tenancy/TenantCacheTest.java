package io.vigil.platform.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantCacheTest {

    @Test
    void loadsOncePerTenantPerTtlAndAgainAfterAChangeOrTheTtl() {
        AtomicLong now = new AtomicLong();
        AtomicInteger loads = new AtomicInteger();
        TenantCache<String> cache = new TenantCache<>(Duration.ofSeconds(5), now::get);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertEquals("a1", cache.get(a, t -> "a" + loads.incrementAndGet()));
        assertEquals("a1", cache.get(a, t -> "a" + loads.incrementAndGet()), "within the ttl: no load");
        assertEquals("b2", cache.get(b, t -> "b" + loads.incrementAndGet()), "each tenant its own value");
        cache.invalidate(a);
        assertEquals("a3", cache.get(a, t -> "a" + loads.incrementAndGet()), "after a change: loaded again");
        assertEquals("b2", cache.get(b, t -> "b" + loads.incrementAndGet()), "the other tenant kept its value");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals("a3", cache.get(a, t -> "a" + loads.incrementAndGet()), "at the ttl exactly: still fresh");
        now.addAndGet(1);
        assertEquals("a4", cache.get(a, t -> "a" + loads.incrementAndGet()), "past the ttl: loaded again");
        assertEquals("b5", cache.get(b, t -> "b" + loads.incrementAndGet()), "past the ttl: loaded again");
        cache.invalidateAll();
        assertEquals("a6", cache.get(a, t -> "a" + loads.incrementAndGet()), "a change for all: loaded again");
        assertEquals("b7", cache.get(b, t -> "b" + loads.incrementAndGet()), "a change for all: loaded again");
    }
}
