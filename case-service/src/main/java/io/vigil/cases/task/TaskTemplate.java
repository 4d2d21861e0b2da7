package io.vigil.cases.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A checklist for a kind of case, chosen by rule, ATT&CK technique or label; the provider's or one tenant's. */
@Entity
@Table(name = "task_templates")
public class TaskTemplate {

    @Id
    public String name;
    /** Null: the provider's, for every tenant. */
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(name = "rule_id")
    public String ruleId;
    public String technique;
    public String label;
    /** The tasks, as JSON: [{"title": ..., "description": ...}]. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String tasks;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
