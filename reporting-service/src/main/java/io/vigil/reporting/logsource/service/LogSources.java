package io.vigil.reporting.logsource.service;

import io.vigil.platform.streams.Envelope;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.logsource.LogSourceFact;
import io.vigil.reporting.logsource.LogSourceMessage;
import io.vigil.reporting.logsource.repository.LogSourceStatements;
import io.vigil.reporting.logsource.rest.LogSourcesResponse;
import io.vigil.reporting.metrics.Period;
import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tenant's log sources from tenant.log-source.* messages, and their health and silences per period. */
@ApplicationScoped
public class LogSources {

    public static final String CREATED = "tenant.log-source.created";
    public static final String SILENT = "tenant.log-source.silent";
    public static final String RECOVERED = "tenant.log-source.recovered";
    public static final String COUNTED = "tenant.log-source.counted";

    private final LogSourceStatements statements;
    private final TenantFactRepository tenants;
    private final CurrentTenant current;
    private final Clock clock;

    public LogSources(LogSourceStatements statements, TenantFactRepository tenants, CurrentTenant current, Clock clock) {
        this.statements = statements;
        this.tenants = tenants;
        this.current = current;
        this.clock = clock;
    }

    /** One message, in the consumer's transaction: the source's facts, and a silence begun or ended. */
    public void apply(Envelope envelope, LogSourceMessage m) {
        LogSourceFact f = statements.find(m.id());
        boolean newer = f == null || !f.updatedAt.isAfter(envelope.occurredAt());
        if (f == null) {
            f = new LogSourceFact();
            f.sourceId = m.id();
            f.tenantId = envelope.tenantId();
        }
        if (newer) { // an older message arriving late does not roll the facts back
            f.name = m.name();
            f.product = m.product();
            f.format = m.format();
            f.expectedEventsPerDay = m.expectedEventsPerDay();
            f.health = m.health();
            f.lastSeenAt = m.lastSeenAt();
            f.silentSince = m.silentSince();
            f.updatedAt = envelope.occurredAt();
            statements.persist(f);
        }
        if (envelope.type().equals(SILENT) && m.silentSince() != null) {
            statements.silenceStarted(m.id(), envelope.tenantId(), m.silentSince());
        } else if (envelope.type().equals(RECOVERED)) {
            statements.silenceEnded(m.id(), m.lastSeenAt() != null ? m.lastSeenAt() : envelope.occurredAt());
        }
    }

    /** A day's count of a source, in the consumer's transaction. */
    public void counted(Envelope envelope, io.vigil.reporting.logsource.LogSourceCount m) {
        statements.counted(m.logSourceId(), envelope.tenantId(), m.day(), m.events(), m.countedAt());
    }

    @Transactional
    public LogSourcesResponse of(UUID tenantId, String month, String from, String to) {
        current.requireVisible(tenantId);
        Period p = Period.of(month, from, to, TenantFact.zoneOf(tenants.findById(tenantId)), clock.instant());
        Instant now = clock.instant();
        Map<UUID, LogSourceStatements.SilenceRow> silences = statements.silences(tenantId, p.from(), p.to(), now).stream()
                .collect(Collectors.toMap(LogSourceStatements.SilenceRow::sourceId, Function.identity()));
        Period before = p.previous();
        Map<UUID, Long> events = statements.events(tenantId, p.from(), p.to());
        Map<UUID, Long> eventsBefore = statements.events(tenantId, before.from(), before.to());
        var items = statements.ofTenant(tenantId).stream().map(s -> {
            LogSourceStatements.SilenceRow r = silences.get(s.sourceId);
            return new LogSourcesResponse.Source(s.sourceId, s.name, s.product, s.format, s.expectedEventsPerDay, s.health,
                    s.lastSeenAt, s.silentSince, r == null ? 0 : r.silences(), r == null ? 0 : r.minutes(),
                    r == null ? 0 : r.longestMinutes(), events.getOrDefault(s.sourceId, 0L),
                    eventsBefore.getOrDefault(s.sourceId, 0L));
        }).toList();
        return new LogSourcesResponse(tenantId, PeriodResponse.of(p),
                items.size(), items.stream().filter(s -> "SILENT".equals(s.health())).count(),
                items.stream().mapToLong(LogSourcesResponse.Source::events).sum(),
                items.stream().mapToLong(LogSourcesResponse.Source::previousPeriodEvents).sum(), PeriodResponse.of(before),
                items);
    }
}
