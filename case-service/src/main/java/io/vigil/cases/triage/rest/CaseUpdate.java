package io.vigil.cases.triage.rest;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A change to a case: only the fields given change. A tier change (escalation or de-escalation) needs a
 * note, a severity change a reason; a status must be one the current status may move to.
 */
public record CaseUpdate(Case.Status status, @Min(1) @Max(3) Integer tier, @Size(max = 200) String assignee,
        Alert.Severity severity, @Size(max = 2000) String severityReason, @Size(max = 4000) String note,
        @Size(max = 300) String title, @Size(max = 20000) String description,
        @Size(max = 30) List<@Size(max = 64) String> labels, Case.Party ownerParty) {
}
