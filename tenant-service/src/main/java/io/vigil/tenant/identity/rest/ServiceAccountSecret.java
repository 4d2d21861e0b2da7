package io.vigil.tenant.identity.rest;

/** Credentials of a tenant's systems (client credentials grant); the secret is shown only in this answer. */
public record ServiceAccountSecret(String clientId, String clientSecret, String tokenEndpoint) {
}
