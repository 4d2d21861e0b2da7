package io.vigil.cases.comment;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A comment on a case: provider-internal, or shared with the client's team. */
@Entity
@Table(name = "case_comments")
@Filter(name = TenantFilter.NAME)
public class Comment {

    public enum Visibility {
        /** The provider's staff only. */
        INTERNAL,
        /** The provider and the client's people. */
        SHARED
    }

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "case_id", nullable = false)
    public UUID caseId;
    @Column(nullable = false)
    public String author;
    @Column(name = "author_party", nullable = false)
    public String authorParty;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;
    @Column(nullable = false)
    public String body;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
