package io.vigil.tenant.contact.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A client contact; at least one of email, phone and webhook. A webhook receives signed JSON notifications
 * (HMAC-SHA256, see case-service) and must be a public http(s) address.
 */
public record ContactRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String role,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = "\\+?[0-9 ().-]{6,30}", message = "must be a phone number, e.g. +33 1 23 45 67 89") String phone,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL, e.g. https://soc.example.com/hooks/vigil")
        String webhookUrl) {
}
