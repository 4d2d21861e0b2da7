package io.vigil.cases.comment.rest;

import io.vigil.cases.comment.Comment;
import java.time.Instant;
import java.util.UUID;

public record CommentResponse(UUID id, UUID caseId, String author, String authorParty, Comment.Visibility visibility,
        String body, Instant createdAt) {
}
