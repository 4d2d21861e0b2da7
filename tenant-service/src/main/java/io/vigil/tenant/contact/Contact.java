package io.vigil.tenant.contact;

import io.vigil.platform.tenancy.TenantFilter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;

/** A person at the client the SOC notifies or asks for approval. */
@Entity
@Table(name = "contacts")
@Filter(name = TenantFilter.NAME)
public class Contact {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    /** Their role at the client (CISO, IT on-call, DPO...). */
    public String role;

    public String email;

    public String phone;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
