package io.vigil.cases.containment.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PlaybookRequest", description = "A tenant's own playbook: ordered steps, each an action on the case's"
        + " targets of its kind through a named connector (none for Vigil's own patch_vulnerabilities, create_task,"
        + " notify), with what to do when it fails and how long one attempt may take")
public record PlaybookRequest(@Size(max = 200) String title, @Size(max = 2000) String description,
        @NotNull @Size(min = 1, max = 30) List<@Valid @NotNull Step> steps) {

    @Schema(name = "PlaybookRequestStep")
    public record Step(@NotNull @Size(max = 40) String action, @Size(max = 63) String connector,
            @Schema(description = "stop (default), continue or ask") @Size(max = 10) String onFailure,
            @Schema(description = "create_task: the task") @Size(max = 500) String title,
            @Schema(description = "notify: CLIENT_IT (default), LEGAL, COMMUNICATIONS, EXECUTIVE or REGULATOR")
            @Size(max = 20) String audience,
            @Schema(description = "notify: what it adds to the audience's template") @Size(max = 2000) String note,
            @Schema(description = "1 to 120 seconds, 10 by default") Integer timeoutSeconds) {
    }
}
