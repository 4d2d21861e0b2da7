package io.vigil.cases.communication.rest;

import io.vigil.cases.communication.Communication;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A communication to record: to whom (name or address) in which role, by which channel, when (now when absent),
 * and what was said; without subject and body, the audience's template is filled from the case and the note.
 */
public record CommunicationRequest(@NotNull Communication.Audience audience, @NotBlank @Size(max = 320) String recipient,
        @NotNull Communication.Channel channel, Instant sentAt, @Size(max = 5_000) String note,
        @Size(max = 500) String subject, @Size(max = 20_000) String body) {
}
