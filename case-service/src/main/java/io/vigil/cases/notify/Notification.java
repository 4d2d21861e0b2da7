package io.vigil.cases.notify;

import io.vigil.cases.tenantfacts.EscalationRung;
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

/** One rung of the escalation matrix reached for a case, and how that went. */
@Entity
@Table(name = "case_notifications")
@Filter(name = TenantFilter.NAME)
public class Notification {

    public enum Status {
        /**
         * Claimed and on its way. A crash between the claim and the outcome leaves it so, shown in the list and
         * not retried by itself: a notification is never sent twice.
         */
        SENDING,
        SENT,
        /** The receiver failed or did not answer; retried at the next watch, up to the attempt limit. */
        FAILED,
        /** The address is not one Vigil may reach (internal, or not resolvable). Never retried. */
        REFUSED,
        /** No gateway for the channel (phone, SMS) is configured: the rung is recorded, not sent. */
        UNSUPPORTED
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public int position;
    @Column(name = "contact_id", nullable = false)
    public UUID contactId;
    @Column(name = "contact_name", nullable = false)
    public String contactName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EscalationRung.Channel channel;
    public String target;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(nullable = false)
    public int attempts;
    public String detail;
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    @Column(name = "sent_at")
    public Instant sentAt;
}
