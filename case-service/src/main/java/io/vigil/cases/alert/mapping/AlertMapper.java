package io.vigil.cases.alert.mapping;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.rest.AlertResponse;

public final class AlertMapper {

    private AlertMapper() {
    }

    public static AlertResponse toResponse(Alert a) {
        return new AlertResponse(a.id, a.tenantId, a.ruleId, a.title, a.severity, a.detectedAt, a.receivedAt, a.status,
                a.verdict, a.verdictNote, a.closedAt, a.closedBy);
    }
}
