package io.vigil.tenant.audit;

import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.tenant.audit.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Records every change to a tenant's preparation data twice, in the caller's transaction: an audit row
 * (who, when, what) and a {@code tenant.*} event on the outbox for reporting-service and the others.
 * Event types are {@code tenant.<action>} for the tenant itself, {@code tenant.<entity>.<action>} otherwise.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditRepository entries;
    private final Outbox outbox;
    private final CurrentTenant current;
    private final String stream;

    public AuditTrail(AuditRepository entries, Outbox outbox, CurrentTenant current,
            TenantStreams streams) {
        this.entries = entries;
        this.outbox = outbox;
        this.current = current;
        this.stream = streams.tenantEvents();
    }

    /** The stream tenant.* events go to (openapi/asyncapi.yaml). */
    public String stream() {
        return stream;
    }

    /**
     * @param changes what the change did, as it should be read back (the new state, or the fields changed)
     * @param event   the event payload published to {@code tenant.events}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, String entityType, Object entityId, String action, Object changes, Object event) {
        AuditEntry e = new AuditEntry();
        e.id = UUID.randomUUID();
        e.tenantId = tenantId;
        e.at = Instant.now();
        e.actor = current.find().map(c -> c.subject()).orElse("system");
        e.entityType = entityType;
        e.entityId = String.valueOf(entityId);
        e.action = action;
        e.changes = Json.write(changes);
        entries.persist(e);
        String type = "tenant".equals(entityType) ? "tenant." + action : "tenant." + entityType + "." + action;
        outbox.add(stream, Envelope.of(tenantId, type, Json.write(event)));
    }

    /** Same, with the event payload equal to the recorded change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, String entityType, Object entityId, String action, Object changes) {
        record(tenantId, entityType, entityId, action, changes, changes);
    }
}
