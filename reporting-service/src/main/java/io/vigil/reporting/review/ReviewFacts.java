package io.vigil.reporting.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.streams.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Post-incident reviews as case-service announces them ({@code case.review.changed}): the latest per case, kept
 * for what the monthly report says is being improved.
 */
@ApplicationScoped
public class ReviewFacts {

    public static final String CHANGED = "case.review.changed";

    /** The message's payload (schemaVersion 1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Changed(UUID caseId, UUID tenantId, long caseNumber, String rootCause, List<Item> followUps,
            Instant updatedAt, String updatedBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(UUID id, int position, String kind, String title, String owner, LocalDate dueDate, String status,
            Instant doneAt) {
    }

    /** A follow-up with the case it came from. */
    public record FollowUp(long caseNumber, Item item) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;

    public ReviewFacts(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** In the consumer's transaction: the review replaces an older one of the case, never a newer one. */
    public void apply(Envelope envelope, Changed m) throws JsonProcessingException {
        em.createNativeQuery("insert into review_facts (case_id, tenant_id, case_number, root_cause, follow_ups, updated_at)"
                + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6) on conflict (case_id) do update set"
                + " root_cause = excluded.root_cause, follow_ups = excluded.follow_ups, updated_at = excluded.updated_at,"
                + " case_number = excluded.case_number where review_facts.updated_at <= excluded.updated_at")
                .setParameter(1, m.caseId()).setParameter(2, envelope.tenantId()).setParameter(3, m.caseNumber())
                .setParameter(4, m.rootCause()).setParameter(5, mapper.writeValueAsString(m.followUps()))
                .setParameter(6, m.updatedAt()).executeUpdate();
    }

    /** Every follow-up of the tenant's reviews, by case number then position (the caller's transaction). */
    public List<FollowUp> followUps(UUID tenantId) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select case_number, cast(follow_ups as text) from review_facts"
                + " where tenant_id = ?1 order by case_number").setParameter(1, tenantId).getResultList();
        List<FollowUp> out = new ArrayList<>();
        for (Object[] r : rows) {
            for (Item i : mapper.readValue((String) r[1], new TypeReference<List<Item>>() { })) {
                out.add(new FollowUp(((Number) r[0]).longValue(), i));
            }
        }
        return out;
    }
}
