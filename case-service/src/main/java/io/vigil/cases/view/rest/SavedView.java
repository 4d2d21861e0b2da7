package io.vigil.cases.view.rest;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A saved view of the queue: the filters of {@code GET /api/v1/cases} and a sort, under a name of the
 * analyst's. {@code assignee: "me"} means whoever uses the view.
 */
public record SavedView(@Size(max = 50) List<UUID> tenantIds, @Size(max = 7) List<Case.Status> statuses,
        @Size(max = 5) List<Alert.Severity> severities, @Size(max = 200) String assignee, @Min(1) @Max(3) Integer tier,
        @Size(max = 200) String ruleId, @Size(max = 20) String technique, @Size(max = 255) String host,
        @Min(0) @Max(100) Integer minPriority, @Size(max = 5) List<io.vigil.cases.sla.SlaState> slaStates,
        @Pattern(regexp = "sla|priority|severity|created|updated", message = "must be sla, priority, severity, created or updated") String sort) {
}
