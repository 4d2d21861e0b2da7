package io.vigil.cases.review.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.review.FollowUp;
import io.vigil.cases.review.Review;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<Review, UUID> {

    public List<FollowUp> followUps(UUID caseId) {
        return getEntityManager().createQuery("from FollowUp f where f.caseId = ?1 order by f.position", FollowUp.class)
                .setParameter(1, caseId).getResultList();
    }

    public void persistFollowUp(FollowUp f) {
        getEntityManager().persist(f);
    }

    public void removeFollowUp(FollowUp f) {
        getEntityManager().remove(f);
    }

    /** Open follow-ups of the caller's tenants, soonest due first (the Hibernate filter and RLS scope them). */
    public List<FollowUp> open(String owner, int limit) {
        var q = getEntityManager().createQuery("from FollowUp f where f.status = ?1"
                + (owner == null ? "" : " and f.owner = ?2") + " order by f.dueDate, f.id", FollowUp.class)
                .setParameter(1, FollowUp.Status.OPEN).setMaxResults(limit);
        if (owner != null) {
            q.setParameter(2, owner);
        }
        return q.getResultList();
    }
}
