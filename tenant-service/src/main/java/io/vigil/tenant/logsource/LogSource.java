package io.vigil.tenant.logsource;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** Something a client sends telemetry from, with how much it should send and how long it may stay quiet. */
@Entity
@Table(name = "log_sources")
@Filter(name = TenantFilter.NAME)
public class LogSource {

    /** The wire format, which picks the gateway's parser. */
    public enum Format {
        JSON, SYSLOG, CEF, LEEF
    }

    /** OK: sent within its threshold; SILENT: quiet for longer; NEVER_SEEN: nothing yet (within threshold). */
    public enum Health {
        OK, SILENT, NEVER_SEEN
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String product;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Column(name = "expected_events_per_day")
    public Long expectedEventsPerDay;

    @Column(name = "silence_after_minutes", nullable = false)
    public int silenceAfterMinutes;

    /** Set while the source is reported silent (so the report is made once per silence). */
    @Column(name = "silent_since")
    public Instant silentSince;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Health at {@code now}, given when the gateway last saw an event of this source (null: never). */
    public Health health(Instant lastSeen, Instant now) {
        Instant reference = lastSeen == null ? createdAt : lastSeen;
        if (Duration.between(reference, now).toMinutes() >= silenceAfterMinutes) {
            return Health.SILENT;
        }
        return lastSeen == null ? Health.NEVER_SEEN : Health.OK;
    }
}
