package io.vigil.cases.task.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A checklist template: chosen for a case by its rule, an ATT&amp;CK technique (T1003 also matches T1003.001) or
 * a label (at least one of them); the provider's for every tenant, or one tenant's own ({@code tenantId}).
 */
public record TemplateRequest(UUID tenantId, @Size(max = 200) String ruleId,
        @Pattern(regexp = "T\\d{4}(\\.\\d{3})?", message = "an ATT&CK technique id, e.g. T1003 or T1003.001") String technique,
        @Size(max = 64) String label, @NotEmpty @Size(max = 50) List<@Valid @NotNull Item> tasks) {

    public record Item(@NotBlank @Size(max = 300) String title, @Size(max = 4000) String description) {
    }
}
