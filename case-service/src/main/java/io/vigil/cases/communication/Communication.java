package io.vigil.cases.communication;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** One communication about a case to a stakeholder: to whom, in which role, by which channel, when, what. */
@Entity
@Table(name = "case_communications")
@Filter(name = TenantFilter.NAME)
public class Communication {

    /** The stakeholder's role, each with its template. */
    public enum Audience {
        CLIENT_IT, LEGAL, COMMUNICATIONS, EXECUTIVE, REGULATOR
    }

    public enum Channel {
        EMAIL, PHONE, MEETING, PORTAL, LETTER, WEBHOOK
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;
    @Column(nullable = false)
    public String recipient;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;
    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false)
    public String body;
    /** The audience whose template the text came from; null when written out by hand. */
    public String template;
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
