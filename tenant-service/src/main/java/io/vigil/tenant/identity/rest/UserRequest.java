package io.vigil.tenant.identity.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer user (Keycloak's user profile requires a first and a last name before the user can sign in) of a tenant. Without {@code password}, a temporary one is generated and returned once
 * (the user must change it at first login).
 */
public record UserRequest(
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9._@-]{3,100}", message = "must be 3-100 letters, digits or . _ @ -") String username,
        @NotBlank @Email String email,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Pattern(regexp = "customer-viewer|customer-analyst|customer-admin",
                message = "must be customer-viewer, customer-analyst or customer-admin") String role,
        @Size(min = 12, max = 200) String password) {
}
