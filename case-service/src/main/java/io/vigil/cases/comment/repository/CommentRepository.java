package io.vigil.cases.comment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.comment.Comment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {

    /** The case's comments, oldest first; only the shared ones when {@code sharedOnly}. */
    public List<Comment> ofCase(UUID caseId, boolean sharedOnly) {
        return sharedOnly ? list("caseId = ?1 and visibility = ?2 order by createdAt", caseId, Comment.Visibility.SHARED)
                : list("caseId = ?1 order by createdAt", caseId);
    }
}
