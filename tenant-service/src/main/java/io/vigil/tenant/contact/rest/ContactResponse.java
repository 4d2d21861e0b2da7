package io.vigil.tenant.contact.rest;

import java.time.Instant;
import java.util.UUID;

public record ContactResponse(UUID id, UUID tenantId, String name, String role, String email, String phone,
        String webhookUrl, Instant createdAt, Instant updatedAt) {
}
