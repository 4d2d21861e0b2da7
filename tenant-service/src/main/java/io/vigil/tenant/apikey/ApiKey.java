package io.vigil.tenant.apikey;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** An ingestion API key of a tenant (optionally bound to one log source). Only its hash is kept. */
@Entity
@Table(name = "api_keys")
@Filter(name = TenantFilter.NAME)
public class ApiKey {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "log_source_id")
    public UUID logSourceId;

    @Column(nullable = false)
    public String name;

    /** The first characters of the key, to tell keys apart in lists. */
    @Column(nullable = false)
    public String prefix;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public boolean active() {
        return revokedAt == null;
    }
}
