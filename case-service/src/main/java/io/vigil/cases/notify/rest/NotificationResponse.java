package io.vigil.cases.notify.rest;

import io.vigil.cases.notify.Notification;
import io.vigil.cases.tenantfacts.EscalationRung;
import java.time.Instant;
import java.util.UUID;

/**
 * One rung of the tenant's escalation matrix reached for a case: whom, how, when it was due, and what became
 * of it (SENT; FAILED and retried; REFUSED by the outbound address check; UNSUPPORTED channel).
 */
public record NotificationResponse(UUID id, int escalationStep, UUID contactId, String contactName,
        EscalationRung.Channel channel, String target, Notification.Status status, int attempts, String detail,
        Instant dueAt, Instant sentAt) {

    public static NotificationResponse of(Notification n) {
        return new NotificationResponse(n.id, n.position, n.contactId, n.contactName, n.channel, n.target, n.status,
                n.attempts, n.detail, n.dueAt, n.sentAt);
    }
}
