package io.vigil.tenant.identity.rest;

import java.util.List;

/** A member of a tenant in Keycloak. {@code temporaryPassword} only in the answer to a creation without password. */
public record UserResponse(String id, String username, String email, boolean enabled, List<String> roles,
        String temporaryPassword) {
}
