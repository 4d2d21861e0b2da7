package io.vigil.reporting.monthly;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's monthly report as generated: its figures (JSON) and its PDF, kept so a download is what was sent. */
@Entity
@Table(name = "monthly_reports")
public class MonthlyReport {

    public enum Trigger {
        SCHEDULED, ON_DEMAND
    }

    @Embeddable
    public record Key(@Column(name = "tenant_id") UUID tenantId, @Column(name = "month") String month) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "generated_at", nullable = false)
    public Instant generatedAt;
    @Column(name = "generated_by", nullable = false)
    public String generatedBy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String content;
    @Column(nullable = false)
    public byte[] pdf;
    @Column(name = "pdf_bytes", nullable = false)
    public int pdfBytes;
}
