package io.vigil.cases.alert.service;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.alert.mapping.AlertMapper;
import io.vigil.cases.alert.repository.AlertRepository;
import io.vigil.cases.alert.rest.AlertResponse;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AlertQueryService {

    private final AlertRepository alerts;
    private final CurrentTenant current;

    public AlertQueryService(AlertRepository alerts, CurrentTenant current) {
        this.alerts = alerts;
        this.current = current;
    }

    @Transactional
    public Page<AlertResponse> queue(Integer limit, String cursor, Alert.Severity severity) {
        int n = Cursor.limit(limit, 50, 500);
        Cursor before = Cursor.decode(cursor);
        current.get();
        List<Alert> rows = alerts.queue(before == null ? null : before.at(), before == null ? null : before.id(),
                severity, n + 1);
        return Page.of(rows, n, a -> new Cursor(a.detectedAt, a.id), AlertMapper::toResponse);
    }

    @Transactional
    public AlertResponse get(UUID id) {
        Alert a = alerts.findById(id);
        if (a == null || !current.get().allows(a.tenantId)) {
            throw new ProblemException.NotFound("no alert " + id);
        }
        return AlertMapper.toResponse(a);
    }
}
