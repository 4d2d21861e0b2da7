package io.vigil.cases.comment.rest;

import io.vigil.cases.comment.Comment;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A comment; provider staff choose its visibility (default INTERNAL), a client's people always share. */
public record CommentRequest(@NotBlank @Size(max = 20000) String body, Comment.Visibility visibility) {
}
