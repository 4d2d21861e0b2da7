package io.vigil.tenant.apikey.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** A new ingestion key; bound to one log source when {@code logSourceId} is given. */
public record ApiKeyRequest(@NotBlank @Size(max = 200) String name, UUID logSourceId) {
}
