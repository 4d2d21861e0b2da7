package io.vigil.cases.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.audit.rest.AuditEntry;
import io.vigil.cases.audit.rest.ChainVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The case audit trail of each tenant: append-only rows (who, when, what, before, after), each carrying the
 * SHA-256 of the row before it, so a changed, removed or inserted row breaks the chain from there on.
 * {@link #verify} recomputes the chain and names the first row that does not hold.
 */
@ApplicationScoped
public class AuditChain {

    /** The hash the first row of a tenant's chain points back to. */
    static final String GENESIS = "0".repeat(64);

    private final EntityManager em;
    private final ObjectMapper mapper;

    public AuditChain(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Appends one entry in the caller's transaction; before/after are written as JSON (null when absent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(UUID tenantId, String actor, UUID caseId, String action, Object before, Object after) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so the hash re-computes
        String b = json(before);
        String a = json(after);
        em.createNativeQuery("insert into case_audit_heads (tenant_id, seq, hash) values (?1, 0, ?2)"
                + " on conflict do nothing").setParameter(1, tenantId).setParameter(2, GENESIS).executeUpdate();
        Object[] head = (Object[]) em.createNativeQuery(
                "select seq, hash from case_audit_heads where tenant_id = ?1 for update")
                .setParameter(1, tenantId).getSingleResult();
        long seq = ((Number) head[0]).longValue() + 1;
        String prev = (String) head[1];
        String hash = hash(prev, tenantId, seq, at, actor, caseId, action, b, a);
        em.createNativeQuery("insert into case_audit (tenant_id, seq, at, actor, case_id, action, before, after,"
                + " prev_hash, hash) values (?1, ?2, ?3, ?4, cast(?5 as uuid), ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, tenantId).setParameter(2, seq).setParameter(3, Timestamp.from(at))
                .setParameter(4, actor).setParameter(5, caseId == null ? null : caseId.toString()).setParameter(6, action).setParameter(7, b)
                .setParameter(8, a).setParameter(9, prev).setParameter(10, hash).executeUpdate();
        em.createNativeQuery("update case_audit_heads set seq = ?2, hash = ?3 where tenant_id = ?1")
                .setParameter(1, tenantId).setParameter(2, seq).setParameter(3, hash).executeUpdate();
    }

    /** A case's entries, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<AuditEntry> ofCase(UUID caseId) {
        List<Object[]> rows = em.createNativeQuery("select tenant_id, seq, at, actor, case_id, action, before, after,"
                + " prev_hash, hash from case_audit where case_id = ?1 order by seq").setParameter(1, caseId)
                .getResultList();
        return rows.stream().map(AuditChain::entry).toList();
    }

    /** Walks the tenant's whole chain in order; the first row whose links or hash do not hold is named. */
    @Transactional
    @SuppressWarnings("unchecked")
    public ChainVerification verify(UUID tenantId) {
        String prev = GENESIS;
        long expected = 1;
        long rows = 0;
        int page = 1000;
        long after = 0;
        while (true) {
            List<Object[]> batch = em.createNativeQuery("select tenant_id, seq, at, actor, case_id, action, before,"
                    + " after, prev_hash, hash from case_audit where tenant_id = ?1 and seq > ?2 order by seq limit " + page)
                    .setParameter(1, tenantId).setParameter(2, after).getResultList();
            for (Object[] r : batch) {
                AuditEntry e = entry(r);
                rows++;
                String problem = null;
                if (e.seq() != expected) {
                    problem = "row " + expected + " is missing (the next row is " + e.seq() + ")";
                } else if (!e.prevHash().equals(prev)) {
                    problem = "row " + e.seq() + " does not point to the hash of row " + (e.seq() - 1);
                } else if (!hash(prev, tenantId, e.seq(), e.at(), e.actor(), e.caseId(), e.action(), e.before(),
                        e.after()).equals(e.hash())) {
                    problem = "row " + e.seq() + " was changed after it was written (its hash does not match)";
                }
                if (problem != null) {
                    return new ChainVerification(tenantId, rows, false, e.seq(), problem);
                }
                prev = e.hash();
                expected++;
                after = e.seq();
            }
            if (batch.size() < page) {
                break;
            }
        }
        Object head = em.createNativeQuery("select seq from case_audit_heads where tenant_id = ?1")
                .setParameter(1, tenantId).getResultStream().findFirst().orElse(null);
        if (head != null && ((Number) head).longValue() != rows) {
            return new ChainVerification(tenantId, rows, false, rows + 1, "the chain ends at row " + rows
                    + " but " + ((Number) head).longValue() + " were written: the last rows were removed");
        }
        return new ChainVerification(tenantId, rows, true, null, null);
    }

    private static AuditEntry entry(Object[] r) {
        return new AuditEntry((UUID) r[0], ((Number) r[1]).longValue(), io.vigil.cases.support.Sql.instant(r[2]),
                (String) r[3], (UUID) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9]);
    }

    static String hash(String prev, UUID tenantId, long seq, Instant at, String actor, UUID caseId, String action,
            String before, String after) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {prev, tenantId.toString(), Long.toString(seq), at.toString(), actor,
                    caseId == null ? "" : caseId.toString(), action, before == null ? "" : before,
                    after == null ? "" : after}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                d.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII)); // length-prefixed:
                d.update((byte) ':'); // no two different rows hash the same bytes
                d.update(bytes);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return o instanceof String s ? s : mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit entry", e);
        }
    }
}
