package io.vigil.tenant.asset;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something of the client's worth protecting, with how much it matters to the business. */
@Entity
@Table(name = "assets")
@Filter(name = TenantFilter.NAME)
public class Asset {

    /** Business criticality, the four levels of Elastic's asset criticality. */
    public enum Criticality {
        LOW, MEDIUM, HIGH, CRITICAL
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String hostname;

    /** Fully qualified name, when the client's inventory has one. */
    public String fqdn;

    /** Single IP addresses and CIDR ranges (IPv4 and IPv6), normalised. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> addresses = new ArrayList<>();

    @Column(name = "cloud_account_id")
    public String cloudAccountId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Criticality criticality;

    public String owner;

    public String environment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
