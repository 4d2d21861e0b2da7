package io.vigil.cases.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The secret a tenant's webhooks are signed with. */
@Entity
@Table(name = "webhook_keys")
public class WebhookKey {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;
    @Column(nullable = false)
    public String secret;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
