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

    /** How many bytes a gzip or deflate body may inflate to (a small body that explodes is a 413). */
    @WithDefault("104857600")
    long maxInflatedBody();

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

    /**
     * Syslog listeners by name ({@code vigil.ingest.syslog-listeners.<name>.port} ...): devices that can
     * only send syslog send it here, over TCP (RFC 6587 octet counting or newline framing, optionally TLS)
     * or UDP. A listener bound to an ingestion key takes everything for that key's tenant and log source;
     * without one, each message names its key in RFC 5424 structured data: {@code [vigil key="vgl_..."]}.
     */
    java.util.Map<String, SyslogListener> syslogListeners();

    interface SyslogListener {
        int port();

        /** tcp or udp. */
        @WithDefault("tcp")
        String protocol();

        /** The parser: syslog, cef or leef (CEF and LEEF usually travel in syslog). */
        @WithDefault("syslog")
        String format();

        /** The zone of timestamps that carry none (RFC 3164). */
        @WithDefault("UTC")
        String timeZone();

        java.util.Optional<String> apiKey();

        /** PEM certificate and key: TCP with TLS (RFC 5425). */
        java.util.Optional<String> tlsCert();

        java.util.Optional<String> tlsKey();

        /** Or a PKCS#12 key store (and its password) for TLS. */
        java.util.Optional<String> tlsKeystore();

        java.util.Optional<String> tlsKeystorePassword();
    }

    /**
     * The public API's other services, by the first path segment after {@code /api/v1/}
     * ({@code vigil.ingest.routes.tenants=http://127.0.0.1:8081} ...): the gateway authenticates the
     * caller, applies the caller's request rate and forwards.
     */
    java.util.Map<String, String> routes();

    /**
     * Tenant sub-resources owned by another service than tenants' own, by the segment after the tenant id
     * ({@code vigil.ingest.tenant-routes.filters=http://127.0.0.1:8082} routes
     * {@code /api/v1/tenants/{id}/filters} to detection-service).
     */
    java.util.Map<String, String> tenantRoutes();

    /** Requests per second one caller may make through the gateway's routes (0: no limit). */
    @WithDefault("100")
    int apiRequestsPerSecond();

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
