package io.vigil.ingest.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.platform.net.IpLiterals;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Adds the asset an event is about ({@code host.asset.id}, {@code host.asset.criticality}, and the CVEs on
 * CISA's KEV catalog that scans found open on it, {@code host.asset.known_exploited_cves}) from the tenant's
 * inventory, which tenant-service publishes in Redis. Each tenant's inventory is held in memory
 * and reloaded when its version changes (checked at most every few seconds), so enrichment costs a map
 * lookup per event.
 */
@ApplicationScoped
public class AssetEnricher {

    private static final Logger LOG = Logger.getLogger(AssetEnricher.class);
    private static final long CHECK_MILLIS = 3_000;

    /** One tenant's inventory as the gateway holds it. */
    public static final class Inventory {
        final Map<String, String[]> byKey;
        final List<Net> nets;
        /** Asset id to its open known-exploited CVEs (comma separated). */
        final Map<String, String> exposure;

        Inventory(Map<String, String[]> byKey, List<Net> nets, Map<String, String> exposure) {
            this.byKey = byKey;
            this.nets = nets;
            this.exposure = exposure;
        }

        /** Adds the asset fields when the event's host is in the inventory; returns whether it was. */
        public boolean enrich(ObjectNode event) {
            if (byKey.isEmpty() && nets.isEmpty()) {
                return false;
            }
            String[] asset = null;
            String host = text(event.get("host.name"));
            if (host != null) {
                String h = host.toLowerCase(Locale.ROOT);
                asset = byKey.get("host:" + h);
                int dot = h.indexOf('.');
                if (asset == null && dot > 0) {
                    asset = byKey.get("host:" + h.substring(0, dot));
                }
            }
            String ip = text(event.get("host.ip"));
            if (asset == null && ip != null) {
                asset = byKey.get("ip:" + ip);
                if (asset == null) {
                    asset = inNet(ip);
                }
            }
            if (asset == null) {
                return false;
            }
            if (!event.has("host.asset.id")) {
                event.put("host.asset.id", asset[0]);
                event.put("host.asset.criticality", asset[1].toLowerCase(Locale.ROOT));
                String cves = exposure.get(asset[0]);
                if (cves != null && !cves.isEmpty()) {
                    event.put("host.asset.known_exploited_cves", cves);
                }
            }
            return true;
        }

        private String[] inNet(String ip) {
            byte[] b = parse(ip);
            if (b == null) {
                return null;
            }
            BigInteger v = new BigInteger(1, b);
            for (Net n : nets) { // most specific first
                if (n.bits == b.length * 8 && v.shiftRight(n.bits - n.prefix).equals(n.network.shiftRight(n.bits - n.prefix))) {
                    return n.asset;
                }
            }
            return null;
        }
    }

    record Net(BigInteger network, int prefix, int bits, String[] asset) {
    }

    private record Held(long version, Inventory inventory, long checkedAt) {
    }

    private static final Inventory EMPTY = new Inventory(Map.of(), List.of(), Map.of());

    private final RedisDataSource redis;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    public AssetEnricher(RedisDataSource redis) {
        this.redis = redis;
    }

    /** The tenant's inventory, reloaded if it changed; empty if it cannot be read (enrichment is best effort). */
    public Inventory inventory(UUID tenantId) {
        long now = System.currentTimeMillis();
        Held h = held.get(tenantId);
        if (h != null && now - h.checkedAt() < CHECK_MILLIS) {
            return h.inventory();
        }
        try {
            Long version = redis.value(Long.class).get(ApiKeys.ASSETS_VERSION + tenantId);
            long v = version == null ? 0 : version;
            if (h != null && h.version() == v) {
                held.put(tenantId, new Held(v, h.inventory(), now));
                return h.inventory();
            }
            Inventory loaded = v == 0 ? EMPTY : load(redis.hash(String.class).hgetall(ApiKeys.ASSETS + tenantId),
                    redis.hash(String.class).hgetall(ApiKeys.ASSETS_EXPOSURE + tenantId));
            held.put(tenantId, new Held(v, loaded, now));
            return loaded;
        } catch (RuntimeException e) {
            LOG.debugf("asset inventory of %s not readable, events go unenriched: %s", tenantId, e.getMessage());
            return h == null ? EMPTY : h.inventory();
        }
    }

    static Inventory load(Map<String, String> raw) {
        return load(raw, Map.of());
    }

    static Inventory load(Map<String, String> raw, Map<String, String> exposure) {
        Map<String, String[]> byKey = new HashMap<>(raw.size() * 2);
        List<Net> nets = new ArrayList<>();
        raw.forEach((k, v) -> {
            String[] asset = v.split("\\|", 3);
            if (k.startsWith("net:")) {
                String cidr = k.substring(4);
                int slash = cidr.indexOf('/');
                byte[] b = parse(cidr.substring(0, slash));
                if (b != null) {
                    nets.add(new Net(new BigInteger(1, b), Integer.parseInt(cidr.substring(slash + 1)), b.length * 8, asset));
                }
            } else {
                byKey.put(k, asset);
            }
        });
        nets.sort(Comparator.comparingInt((Net n) -> n.prefix()).reversed());
        return new Inventory(byKey, nets, Map.copyOf(exposure));
    }

    private static String text(JsonNode n) {
        return n == null || !n.isTextual() ? null : n.asText();
    }

    /** An IP literal's bytes, without any name lookup; null if it is not one. */
    static byte[] parse(String ip) {
        return IpLiterals.parse(ip);
    }
}
