package io.vigil.cases.triage.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.rest.CaseResponse;
import io.vigil.cases.triage.rest.PriorityFactor;
import io.vigil.cases.triage.service.Priority;
import java.util.List;

public final class CaseMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<PriorityFactor>> FACTORS = new TypeReference<>() {
    };

    private CaseMapper() {
    }

    public static CaseResponse toResponse(Case c) {
        return new CaseResponse(c.id, c.tenantId, c.number, c.title, c.description, c.severity, c.severityReason,
                c.priority, Priority.Score.label(c.priority), factors(c.priorityFactors), c.status, c.tier, c.assignee,
                c.ownerParty, List.of(c.labels), List.of(c.techniques), List.of(c.tactics), List.of(c.hosts), c.ruleId,
                c.alertCount, c.firstActivityAt, c.lastActivityAt, c.createdAt, c.updatedAt, c.acknowledgedAt,
                c.containedAt, c.resolvedAt, c.closedAt, c.classification, c.classificationReason, c.rootCause,
                c.closingComment, c.slaState, c.slaDueAt, c.version);
    }

    public static String factorsJson(List<PriorityFactor> factors) {
        try {
            return JSON.writeValueAsString(factors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PriorityFactor> factors(String json) {
        try {
            return JSON.readValue(json, FACTORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable priority factors", e);
        }
    }
}
