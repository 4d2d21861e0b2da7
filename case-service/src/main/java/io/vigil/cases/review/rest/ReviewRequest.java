package io.vigil.cases.review.rest;

import io.vigil.cases.review.FollowUp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A review as written: the root cause (required), what worked, what did not, and the follow-up actions, each
 * with an owner and a due date. A PUT replaces the review; follow-ups are kept by position, their status too.
 */
public record ReviewRequest(
        @NotBlank @Size(max = 10_000) String rootCause,
        @Size(max = 10_000) String whatWorked,
        @Size(max = 10_000) String whatDidNot,
        @Size(max = 50) List<@Valid @NotNull Item> followUps) {

    /** One follow-up; {@code ruleId} defaults to the case's rule for a detection or playbook update. */
    public record Item(@NotNull FollowUp.Kind kind, @NotBlank @Size(max = 500) String title,
            @NotBlank @Size(max = 255) String owner, @NotNull LocalDate dueDate, FollowUp.Status status,
            @Size(max = 255) String ruleId, @Size(max = 63) String playbook) {
    }
}
