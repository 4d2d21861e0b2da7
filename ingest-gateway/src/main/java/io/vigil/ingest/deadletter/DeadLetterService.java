package io.vigil.ingest.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.deadletter.repository.DeadLetterRepository;
import io.vigil.ingest.deadletter.rest.DeadLetterResponse;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps and lists what could not be parsed; every kept item is counted per tenant and format. */
@ApplicationScoped
public class DeadLetterService {

    static final int MAX_RAW_CHARS = 64 * 1024;

    private final DeadLetterRepository repository;
    private final CurrentTenant current;
    private final MeterRegistry meters;

    public DeadLetterService(DeadLetterRepository repository, CurrentTenant current, MeterRegistry meters) {
        this.repository = repository;
        this.current = current;
        this.meters = meters;
    }

    /** One item that failed to parse. */
    public record Failure(Integer lineNumber, String raw, String reason) {
    }

    @Transactional
    public void keep(UUID tenantId, String format, Instant receivedAt, List<Failure> failures) {
        for (Failure f : failures) {
            DeadLetter d = new DeadLetter();
            d.id = UUID.randomUUID();
            d.tenantId = tenantId;
            d.receivedAt = receivedAt;
            d.format = format;
            d.reason = f.reason();
            d.lineNumber = f.lineNumber();
            d.rawBytes = f.raw().getBytes(StandardCharsets.UTF_8).length;
            d.raw = f.raw().length() > MAX_RAW_CHARS ? f.raw().substring(0, MAX_RAW_CHARS) : f.raw();
            repository.persist(d);
        }
        meters.counter("vigil.ingest.dead.letters", "tenant", tenantId.toString(), "format", format)
                .increment(failures.size());
    }

    @Transactional
    public Page<DeadLetterResponse> list(Integer limit, String cursor) {
        int n = Cursor.limit(limit, 100, 1000);
        Cursor before = Cursor.decode(cursor);
        current.get();
        List<DeadLetter> rows = repository.pageBefore(before == null ? null : before.at(),
                before == null ? null : before.id(), n + 1);
        return Page.of(rows, n, d -> new Cursor(d.receivedAt, d.id), d -> new DeadLetterResponse(d.id, d.tenantId, d.receivedAt, d.format,
                d.reason, d.lineNumber, d.raw, d.rawBytes));
    }
}
