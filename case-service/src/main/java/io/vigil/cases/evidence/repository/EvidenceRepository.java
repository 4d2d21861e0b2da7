package io.vigil.cases.evidence.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vigil.cases.evidence.Evidence;
import io.vigil.cases.evidence.rest.CustodyEntry;
import io.vigil.cases.support.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Evidence records, their bytes and their chain of custody. */
@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    public List<Evidence> ofCase(UUID caseId) {
        return list("caseId = ?1 order by collectedAt, id", caseId);
    }

    public void storeBytes(Evidence e, byte[] bytes) {
        getEntityManager().createNativeQuery("insert into case_evidence_content (evidence_id, tenant_id, bytes) values (?1, ?2, ?3)")
                .setParameter(1, e.id).setParameter(2, e.tenantId).setParameter(3, bytes).executeUpdate();
    }

    public byte[] bytes(UUID evidenceId) {
        return (byte[]) getEntityManager().createNativeQuery("select bytes from case_evidence_content where evidence_id = ?1")
                .setParameter(1, evidenceId).getSingleResult();
    }

    public void custody(Evidence e, Instant at, String actor, String action, String sha256) {
        getEntityManager().createNativeQuery("insert into case_evidence_custody (tenant_id, evidence_id, at, actor, action, sha256)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, e.tenantId).setParameter(2, e.id).setParameter(3, at).setParameter(4, actor)
                .setParameter(5, action).setParameter(6, sha256).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<CustodyEntry> custodyOf(UUID evidenceId) {
        List<Object[]> rows = getEntityManager().createNativeQuery("select id, at, actor, action, sha256"
                + " from case_evidence_custody where evidence_id = ?1 order by id").setParameter(1, evidenceId).getResultList();
        return rows.stream().map(r -> new CustodyEntry(((Number) r[0]).longValue(), Sql.instant(r[1]), (String) r[2],
                (String) r[3], (String) r[4])).toList();
    }
}
