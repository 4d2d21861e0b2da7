package io.vigil.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ingestion API keys and the Redis directory through which the gateway checks them. tenant-service
 * issues keys and keeps only their SHA-256; it publishes, per key hash, the owning tenant and log source,
 * and per tenant its status. The gateway reads both and records when each key was last used.
 *
 * <pre>
 * vigil:ingest-key:&lt;sha256 hex&gt;   hash {tenantId, keyId, logSourceId?, format?}   absent = unknown or revoked
 * vigil:tenant-status:&lt;tenant id&gt;  string ONBOARDING | ACTIVE | SUSPENDED | OFFBOARDED
 * vigil:ingest-key-used              hash keyId -&gt; epoch millis of the last accepted request
 * vigil:log-source-seen              hash logSourceId -&gt; epoch millis of the last accepted event
 * vigil:assets:&lt;tenant id&gt;         hash host:&lt;name&gt; | ip:&lt;address&gt; | net:&lt;cidr&gt; -&gt; assetId|CRITICALITY|hostname
 * vigil:assets-version:&lt;tenant id&gt; counter, bumped on every change of the tenant's assets
 * </pre>
 */
public final class ApiKeys {

    /** The header a client system sends its key in. */
    public static final String HEADER = "X-Vigil-Api-Key";
    public static final String PREFIX = "vgl_";
    public static final String KEY_ENTRY = "vigil:ingest-key:";
    public static final String TENANT_STATUS = "vigil:tenant-status:";
    public static final String KEY_LAST_USED = "vigil:ingest-key-used";
    public static final String SOURCE_LAST_SEEN = "vigil:log-source-seen";
    /**
     * Events each log source delivered on a UTC day: hash {@code vigil:log-source-events:<yyyy-mm-dd>}, field the
     * source's id, value the count (the gateway adds, tenant-service announces; kept 40 days).
     */
    public static final String SOURCE_EVENTS_PREFIX = "vigil:log-source-events:";

    /** Attributes of the security identity an API key authenticates as. */
    public static final String TENANT_ATTRIBUTE = "vigil.tenant-id";
    public static final String KEY_ID_ATTRIBUTE = "vigil.api-key-id";
    public static final String LOG_SOURCE_ATTRIBUTE = "vigil.log-source-id";
    /** The log source's format (syslog, cef, leef, json): the parser for its raw lines. */
    public static final String LOG_SOURCE_FORMAT_ATTRIBUTE = "vigil.log-source-format";
    /** The realm role an API key carries: a client's own system. */
    public static final String ROLE = Roles.CUSTOMER_SYSTEM;
    /** The tenant's assets, for enrichment at the gateway (see the layout above). */
    public static final String ASSETS = "vigil:assets:";
    public static final String ASSETS_VERSION = "vigil:assets-version:";
    /**
     * Per tenant, asset id to the CVEs on CISA's Known Exploited Vulnerabilities catalog that scans found open on
     * it (comma separated), written by tenant-service's scanner imports; its changes bump {@link #ASSETS_VERSION}.
     */
    public static final String ASSETS_EXPOSURE = "vigil:assets-exposure:";

    /** Per-tenant ingestion limits set by the provider (hash: eventsPerSecond, burst, dailyQuota). */
    public static final String TENANT_LIMITS = "vigil:tenant-limits:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key: {@code vgl_} and 256 random bits, URL-safe. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a key: its SHA-256 in hex. */
    public static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** What may be shown of a key after creation, to tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }
}
