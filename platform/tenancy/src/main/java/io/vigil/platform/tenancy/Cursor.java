package io.vigil.platform.tenancy;

import io.vigil.platform.errors.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursor for list endpoints: the sort key (a time) and the id of the last item returned.
 * Clients pass it back unchanged; anything else is a 400.
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        String raw = at.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException.BadRequest("cursor is not one this API returned");
        }
    }

    /** Checks a page size: 1 to {@code max}, default {@code def}. */
    public static int limit(Integer requested, int def, int max) {
        if (requested == null) {
            return def;
        }
        if (requested < 1 || requested > max) {
            throw new ProblemException.BadRequest("limit must be between 1 and " + max + ", got " + requested);
        }
        return requested;
    }
}
