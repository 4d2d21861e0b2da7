package io.vigil.cases.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code case.review.changed} on case.events (openapi/events/case.review.changed.schema.json): a review as
 * written or changed, for reporting's monthly "what is being improved".
 */
public record ReviewChanged(UUID caseId, UUID tenantId, long caseNumber, String rootCause, List<Item> followUps,
        Instant updatedAt, String updatedBy) {

    public static final String TYPE = "case.review.changed";
    public static final int SCHEMA_VERSION = 1;

    public record Item(UUID id, int position, String kind, String title, String owner, LocalDate dueDate, String status,
            Instant doneAt) {
    }
}
