package io.vigil.cases.notify.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The key a tenant's webhooks are signed with. Each delivery carries {@code X-Vigil-Signature: t=<unix
 * seconds>,v1=<hex>}, v1 being HMAC-SHA256 of {@code "<t>.<raw body>"} under this key; refuse a delivery whose
 * signature differs or whose t is more than five minutes from your clock.
 */
public record SigningKeyResponse(UUID tenantId, String algorithm, String key, Instant createdAt) {
}
