package io.vigil.ingest.intake.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.deadletter.DeadLetterService;
import io.vigil.ingest.intake.IngestConfig;
import io.vigil.ingest.intake.rest.IngestResult;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.ingest.access.KeyDirectory;
import io.vigil.ingest.access.RateLimiter;
import io.vigil.ingest.access.UsageRecorder;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a batch of telemetry for one tenant: parses it, normalises each event, appends the events to the
 * tenant's stream and keeps the rest in dead-letter. The client is answered only after Redis accepted
 * every event, so a 202 means nothing is lost.
 */
@ApplicationScoped
public class IntakeService {


    private final CurrentTenant current;
    private final StreamPublisher publisher;
    private final EventStreams streams;
    private final DeadLetterService deadLetters;
    private final MeterRegistry meters;
    private final JsonEvents json;

    private final Parsers parsers;
    private final int maxLineBytes;

    private final int eventsPerEntry;
    private final com.fasterxml.jackson.databind.ObjectWriter writer;
    private final KeyDirectory directory;
    private final io.vigil.ingest.enrich.AssetEnricher assets;
    private final RateLimiter limiter;
    private final UsageRecorder usage;
    private final SecurityIdentity identity;

    public IntakeService(CurrentTenant current, StreamPublisher publisher, EventStreams streams,
            DeadLetterService deadLetters, MeterRegistry meters, IngestConfig config,
            Parsers parsers, KeyDirectory directory, RateLimiter limiter, UsageRecorder usage,
            SecurityIdentity identity, io.vigil.ingest.enrich.AssetEnricher assets) {
        this.assets = assets;
        this.directory = directory;
        this.limiter = limiter;
        this.usage = usage;
        this.identity = identity;
        this.parsers = parsers;
        this.maxLineBytes = config.maxLineBytes();
        this.current = current;
        this.publisher = publisher;
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.json = new JsonEvents(config.maxNestingDepth(), config.maxLineBytes(), config.maxBatchEvents());
        this.eventsPerEntry = Math.max(1, config.eventsPerEntry());
        this.writer = new com.fasterxml.jackson.databind.ObjectMapper()
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writer();
    }

    public IngestResult ingestJson(byte[] body, boolean ndjson) {
        return ingestJson(body, ndjson, null);
    }

    /**
     * {@code idempotencyKey} (the client's, optional): sending the same batch again with the same key stores
     * and matches each of its events once, as the event store keeps one event per id and time.
     */
    public IngestResult ingestJson(byte[] body, boolean ndjson, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        UUID tenantId = targetTenant();
        Instant received = Instant.now();
        JsonEvents.Split split;
        if (ndjson) {
            split = json.ndjson(body);
        } else {
            int bad = Utf8Body.firstInvalid(body);
            if (bad >= 0) {
                throw new ProblemException.BadRequest("the body is not valid UTF-8 (first bad byte at offset " + bad
                        + "); JSON must be UTF-8");
            }
            split = json.json(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        return accept(tenantId, received, split, ndjson ? "ndjson" : "json", idempotencyKey);
    }

    static void checkIdempotencyKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ProblemException.BadRequest("Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
    }

    /** Raw log lines of one format (syslog, cef...): each parsed line becomes an event, the rest dead-letter. */
    public IngestResult ingestRaw(String format, byte[] raw, java.time.ZoneId sourceZone) {
        return ingestRaw(format, raw, sourceZone, null);
    }

    public IngestResult ingestRaw(String format, byte[] raw, java.time.ZoneId sourceZone, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        if (format == null && identity.getAttribute(ApiKeys.LOG_SOURCE_FORMAT_ATTRIBUTE) instanceof String own) {
            format = own; // the key's log source says how its lines are written
        }
        io.vigil.ingest.parse.LineParser parser = parsers.forFormat(format);
        UUID tenantId = targetTenant();
        Instant received = Instant.now();
        Utf8Body.Decoded decoded = Utf8Body.lines(raw);
        JsonEvents.Split split = parseLines(parser, java.util.Arrays.asList(decoded.text().split("\n", -1)),
                decoded.invalid(), received, sourceZone);
        return accept(tenantId, received, split, format, idempotencyKey);
    }

    /**
     * Log lines that arrived outside HTTP (the syslog listeners) for a tenant already identified: the
     * same parsing, limits, enrichment, stream and dead-letter as {@code /raw}. The caller runs it with
     * the tenant's context set.
     */
    public IngestResult ingestLines(UUID tenantId, UUID logSourceId, String format, List<String> lines,
            java.time.ZoneId sourceZone) {
        refuseInactive(tenantId);
        Instant received = Instant.now();
        JsonEvents.Split split = parseLines(parsers.forFormat(format), lines, List.of(), received, sourceZone);
        return accept(tenantId, logSourceId, received, split, format, null);
    }

    private JsonEvents.Split parseLines(io.vigil.ingest.parse.LineParser parser, List<String> lines,
            List<DeadLetterService.Failure> invalid, Instant received, java.time.ZoneId sourceZone) {
        List<ObjectNode> events = new ArrayList<>();
        List<DeadLetterService.Failure> failures = new ArrayList<>(invalid);
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isBlank()) {
                continue;
            }
            if (l.length() > maxLineBytes) {
                failures.add(new DeadLetterService.Failure(lineNo, l, "line is over the limit of " + maxLineBytes + " bytes"));
                continue;
            }
            if (l.indexOf('\0') >= 0) {
                failures.add(new DeadLetterService.Failure(lineNo, l.replace('\0', '\uFFFD'), "line " + lineNo
                        + " holds a NUL character (at offset " + l.indexOf('\0') + "), which the event store cannot keep"));
                continue;
            }
            try {
                events.add(parser.parse(l, received, sourceZone));
            } catch (io.vigil.ingest.parse.ParseException e) {
                failures.add(new DeadLetterService.Failure(lineNo, l, "line " + lineNo + ": " + e.getMessage()));
            }
        }
        failures.sort(java.util.Comparator.comparing(DeadLetterService.Failure::lineNumber));
        return new JsonEvents.Split(events, failures);
    }

    /** How the lines would be parsed, without storing or counting anything. */
    public List<ObjectNode> preview(String format, String body, java.time.ZoneId sourceZone) {
        current.get();
        if (body == null || body.isBlank()) {
            throw new ProblemException.BadRequest("the body holds no line to preview");
        }
        return io.vigil.ingest.parse.Preview.run(parsers.forFormat(format), body, sourceZone, Instant.now());
    }

    private IngestResult accept(UUID tenantId, Instant received, JsonEvents.Split split, String format,
            String idempotencyKey) {
        return accept(tenantId, identity.getAttribute(ApiKeys.LOG_SOURCE_ATTRIBUTE) instanceof UUID source ? source
                : null, received, split, format, idempotencyKey);
    }

    private IngestResult accept(UUID tenantId, UUID logSourceId, Instant received, JsonEvents.Split split,
            String format, String idempotencyKey) {
        if (split.total() == 0) {
            throw new ProblemException.BadRequest("the body holds no event");
        }
        if (!split.events().isEmpty()) {
            try {
                limiter.charge(tenantId, split.events().size());
            } catch (RuntimeException e) {
                throw backlogFull(e, tenantId);
            }
        }
        String stream = streams.streamFor(tenantId);
        List<byte[]> entries = new ArrayList<>(split.events().size() / eventsPerEntry + 1);
        EntryWriter entry = new EntryWriter(writer, json);
        io.vigil.ingest.enrich.AssetEnricher.Inventory inventory = assets.inventory(tenantId);
        List<DeadLetterService.Failure> failures = new ArrayList<>(split.failures());
        int stored = 0;
        for (int i = 0; i < split.events().size(); i++) {
            ObjectNode e = split.events().get(i);
            JsonEvents.Source source = split.sources() == null ? null : split.sources().get(i);
            try {
                entry.add(e, source, tenantId, idempotencyKey == null ? EventIds.next()
                        : EventIds.keyed(tenantId, idempotencyKey, i), logSourceId, received, inventory);
            } catch (Normalizer.Unstorable u) {
                failures.add(new DeadLetterService.Failure(null, source == null ? e.toString()
                        : new String(source.body(), source.offset(), source.length(), java.nio.charset.StandardCharsets.UTF_8),
                        u.getMessage()));
                continue;
            }
            stored++;
            if (entry.count() == eventsPerEntry) {
                entries.add(entry.take());
            }
        }
        if (entry.count() > 0) {
            entries.add(entry.take());
        }
        // Dead letters first: if they cannot be kept (PostgreSQL down), the batch answers 503 with nothing
        // published, so the client's retry sends each good event once.
        if (!failures.isEmpty()) {
            deadLetters.keep(tenantId, format, received, failures);
        }
        if (!entries.isEmpty()) {
            try {
                publisher.publishPayloads(stream, tenantId, EventStreams.EVENT_BATCH, received, entries);
            } catch (RuntimeException e) {
                throw backlogFull(e, tenantId);
            }
        }
        meters.counter("vigil.ingest.events", "tenant", tenantId.toString(), "outcome", "accepted").increment(stored);
        if (logSourceId != null) {
            usage.sourceSeen(logSourceId, stored);
        }
        return new IngestResult(tenantId, stored, failures.size(), stream);
    }

    /** Ingestion writes to exactly one tenant: the caller's only one, or the one named in X-Vigil-Tenant. */
    private UUID targetTenant() {
        TenantContext ctx = current.get();
        if (ctx.allTenants() || ctx.tenantIds().size() != 1) {
            throw new ProblemException.Unprocessable("say which tenant this telemetry belongs to with the "
                    + "X-Vigil-Tenant header", List.of(new Problem.FieldError("X-Vigil-Tenant", "required")));
        }
        UUID tenantId = ctx.single();
        refuseInactive(tenantId);
        return tenantId;
    }

    private void refuseInactive(UUID tenantId) {
        String status = directory.status(tenantId);
        if ("SUSPENDED".equals(status) || "OFFBOARDED".equals(status)) {
            throw new ProblemException.Forbidden("tenant " + tenantId + " is " + status.toLowerCase()
                    + ": its telemetry is refused until the provider resumes it");
        }
    }

    /**
     * Redis refusing writes (out of memory: consumers are behind) is a 503 the client retries, whether the
     * rate limiter's script or the publish met it; anything else goes on as it is.
     */
    private RuntimeException backlogFull(RuntimeException e, UUID tenantId) {
        if (e instanceof ProblemException) {
            return e;
        }
        if (io.vigil.platform.errors.DependencyDown.in(e)) {
            meters.counter("vigil.ingest.backpressure", "tenant", tenantId.toString()).increment();
            return new ProblemException.ServiceUnavailable("the event backlog cannot be reached: retry the batch later", 5);
        }
        if (!io.vigil.platform.streams.RedisErrors.is(e, "OOM")) {
            return e;
        }
        meters.counter("vigil.ingest.backpressure", "tenant", tenantId.toString()).increment();
        return new ProblemException.ServiceUnavailable("the event backlog is full: retry the batch later "
                + "(events accepted just before the limit may then arrive twice)", 5);
    }
}
