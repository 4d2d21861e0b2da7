package io.vigil.cases.tenantfacts.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.task.service.PatchTasks;
import io.vigil.cases.tenantfacts.TenantMessages;
import io.vigil.cases.tenantfacts.repository.ExposureRepository;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.service.CaseEvents;
import io.vigil.cases.triage.service.CaseGrouping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Applies tenant.asset.exposure-changed: keeps the asset's exposure, closes the patch tasks of the CVEs the scan
 * no longer finds, and rescores the open cases on the asset so their priority says what is open there now.
 */
@ApplicationScoped
public class Exposures {

    private final ExposureRepository exposures;
    private final PatchTasks patches;
    private final CaseGrouping grouping;
    private final CaseEvents events;
    private final AuditChain audit;
    private final EntityManager em;

    public Exposures(ExposureRepository exposures, PatchTasks patches, CaseGrouping grouping, CaseEvents events,
            AuditChain audit, EntityManager em) {
        this.exposures = exposures;
        this.patches = patches;
        this.grouping = grouping;
        this.events = events;
        this.audit = audit;
        this.em = em;
    }

    /** In the message's transaction. */
    public void changed(UUID tenantId, TenantMessages.ExposureChanged m, Instant at) throws Exception {
        exposures.replace(tenantId, m, at);
        patches.closeFixed(tenantId, m.assetId(), m.fixed(), m.scanner(), m.scannedAt());
        List<String> names = new ArrayList<>();
        names.add(m.hostname().toLowerCase(Locale.ROOT));
        if (m.fqdn() != null) {
            names.add(m.fqdn().toLowerCase(Locale.ROOT));
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select id from cases where tenant_id = ?1 and status <> 'CLOSED'"
                + " and hosts && string_to_array(?2, chr(31)) order by id limit 500", UUID.class)
                .setParameter(1, tenantId).setParameter(2, String.join("\u001f", names)).getResultList();
        for (UUID id : ids) {
            Case c = em.find(Case.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            int before = c.priority;
            grouping.score(c);
            if (c.priority != before) {
                c.updatedAt = at;
                c.version++;
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("priority", c.priority);
                after.put("reason", m.scanner() + " scan of " + m.scannedAt() + " of " + m.hostname());
                audit.append(tenantId, "scanner:" + m.scanner(), c.id, "case.reprioritised", Map.of("priority", before), after);
                events.publish("case.updated", c, new CaseEvents.Change("scanner:" + m.scanner(), at, List.of("priority"),
                        "exposure of " + m.hostname() + " changed", null));
            }
        }
    }
}
