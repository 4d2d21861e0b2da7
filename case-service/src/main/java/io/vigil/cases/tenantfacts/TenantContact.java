package io.vigil.cases.tenantfacts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A client contact as tenant-service announced it: the ways case-service may reach them. */
@Entity
@Table(name = "tenant_contacts")
public class TenantContact {

    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(nullable = false)
    public String name;
    public String email;
    public String phone;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Where this contact is reached on a channel of the escalation matrix (null when it has no such address). */
    public String address(EscalationRung.Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case WEBHOOK -> webhookUrl;
            case PHONE, SMS -> phone;
        };
    }
}
