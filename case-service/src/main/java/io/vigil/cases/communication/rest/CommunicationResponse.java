package io.vigil.cases.communication.rest;

import io.vigil.cases.communication.Communication;
import java.time.Instant;
import java.util.UUID;

public record CommunicationResponse(UUID id, UUID caseId, Communication.Audience audience, String recipient,
        Communication.Channel channel, Instant sentAt, String subject, String body, String template, String recordedBy,
        Instant recordedAt) {

    public static CommunicationResponse of(Communication c) {
        return new CommunicationResponse(c.id, c.caseId, c.audience, c.recipient, c.channel, c.sentAt, c.subject, c.body,
                c.template, c.recordedBy, c.recordedAt);
    }
}
