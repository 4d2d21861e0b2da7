package io.vigil.cases.task.rest;

import io.vigil.cases.task.CaseTask;
import java.time.Instant;
import java.util.UUID;

public record TaskResponse(UUID id, UUID caseId, int position, String title, String description, String template,
        CaseTask.Status status, String assignee, String doneBy, Instant doneAt, Instant createdAt, String createdBy,
        CaseTask.Kind kind, String cve, UUID assetId, String host) {

    public static TaskResponse of(CaseTask t) {
        return new TaskResponse(t.id, t.caseId, t.position, t.title, t.description, t.template, t.status, t.assignee,
                t.doneBy, t.doneAt, t.createdAt, t.createdBy, t.kind, t.cve, t.assetId, t.host);
    }
}
