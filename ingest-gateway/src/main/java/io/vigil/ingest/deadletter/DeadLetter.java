package io.vigil.ingest.deadletter;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/** A piece of telemetry that was received but could not be parsed, kept with the reason. */
@Entity
@Table(name = "dead_letters")
@FilterDef(name = TenantFilter.NAME, autoEnabled = true, applyToLoadByKey = true,
        defaultCondition = TenantFilter.CONDITION,
        parameters = @ParamDef(name = TenantFilter.PARAM, type = String.class, resolver = TenantFilter.Ids.class))
@Filter(name = TenantFilter.NAME)
public class DeadLetter {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(nullable = false)
    public String format;

    @Column(nullable = false)
    public String reason;

    @Column(name = "line_number")
    public Integer lineNumber;

    /** The raw text, cut to the first 64 KiB; {@link #rawBytes} says how long it was. */
    @Column(nullable = false)
    public String raw;

    @Column(name = "raw_bytes", nullable = false)
    public int rawBytes;
}
