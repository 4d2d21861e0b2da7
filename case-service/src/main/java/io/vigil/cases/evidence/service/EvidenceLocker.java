package io.vigil.cases.evidence.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.evidence.Evidence;
import io.vigil.cases.evidence.repository.EvidenceRepository;
import io.vigil.cases.evidence.rest.CustodyEntry;
import io.vigil.cases.evidence.rest.EvidenceResponse;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evidence of a case: stored with the SHA-256 computed on arrival (and checked against the one the collector
 * sent, when sent), read back only within the case's tenant, and every collection and download written to
 * its chain of custody and to the case's audit trail.
 */
@ApplicationScoped
public class EvidenceLocker {

    /** The bytes and what a download answers with. */
    public record Content(Evidence evidence, byte[] bytes, String sha256) {

        /** The bytes hash as they did when collected. */
        public boolean intact() {
            return sha256.equals(evidence.sha256);
        }
    }

    private final EvidenceRepository evidence;
    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;
    private final long maxBytes;

    public EvidenceLocker(EvidenceRepository evidence, CaseRepository cases, CurrentTenant current, AuditChain audit,
            Clock clock, @ConfigProperty(name = "vigil.cases.evidence.max-bytes", defaultValue = "10000000") long maxBytes) {
        this.evidence = evidence;
        this.cases = cases;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    @Transactional
    public EvidenceResponse add(UUID caseId, String fileName, String contentType, String description, String expectedSha256,
            byte[] bytes) {
        Case c = cases.findVisible(caseId, current.get());
        if (fileName == null || fileName.isBlank() || fileName.length() > 255 || fileName.contains("/") || fileName.contains("\\")) {
            throw new ProblemException.Unprocessable("the evidence needs a file name (query parameter name, at most 255"
                    + " characters, no path)", List.of(new Problem.FieldError("name", "a plain file name")));
        }
        if (bytes.length == 0) {
            throw new ProblemException.Unprocessable("the evidence is empty", List.of());
        }
        if (bytes.length > maxBytes) {
            throw new ProblemException.PayloadTooLarge("evidence is limited to " + maxBytes + " bytes; this is " + bytes.length);
        }
        String sha = sha256(bytes);
        if (expectedSha256 != null && !expectedSha256.trim().toLowerCase(Locale.ROOT).equals(sha)) {
            throw new ProblemException.Unprocessable("the file arrived with SHA-256 " + sha + ", not the " + expectedSha256
                    + " it was sent with: it changed on the way, nothing was stored",
                    List.of(new Problem.FieldError("X-Content-SHA256", "does not match the bytes received")));
        }
        Evidence e = new Evidence();
        e.id = UUID.randomUUID();
        e.tenantId = c.tenantId;
        e.caseId = c.id;
        e.fileName = fileName;
        e.contentType = contentType == null ? "application/octet-stream" : contentType;
        e.sizeBytes = bytes.length;
        e.sha256 = sha;
        e.description = description;
        e.collectedBy = current.get().subject();
        e.collectedAt = clock.instant();
        evidence.persist(e);
        evidence.flush();
        evidence.storeBytes(e, bytes);
        evidence.custody(e, e.collectedAt, e.collectedBy, "COLLECTED", sha);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("evidenceId", e.id);
        after.put("fileName", e.fileName);
        after.put("sha256", sha);
        after.put("sizeBytes", e.sizeBytes);
        audit.append(c.tenantId, e.collectedBy, c.id, "case.evidence-added", null, after);
        return response(e);
    }

    @Transactional
    public List<EvidenceResponse> list(UUID caseId) {
        return evidence.ofCase(cases.findVisible(caseId, current.get()).id).stream().map(EvidenceLocker::response).toList();
    }

    /** The bytes, re-hashed on the way out; the download goes on the chain of custody. */
    @Transactional
    public Content download(UUID caseId, UUID evidenceId) {
        Evidence e = find(caseId, evidenceId);
        byte[] bytes = evidence.bytes(e.id);
        String sha = sha256(bytes);
        Instant now = clock.instant();
        String actor = current.get().subject();
        evidence.custody(e, now, actor, "DOWNLOADED", sha);
        audit.append(e.tenantId, actor, e.caseId, "case.evidence-downloaded", null,
                Map.of("evidenceId", e.id, "sha256", sha, "intact", sha.equals(e.sha256)));
        return new Content(e, bytes, sha);
    }

    @Transactional
    public List<CustodyEntry> custody(UUID caseId, UUID evidenceId) {
        return evidence.custodyOf(find(caseId, evidenceId).id);
    }

    private Evidence find(UUID caseId, UUID evidenceId) {
        Case c = cases.findVisible(caseId, current.get());
        Evidence e = evidence.findById(evidenceId);
        if (e == null || !e.caseId.equals(c.id)) {
            throw new ProblemException.NotFound("case " + c.number + " has no evidence " + evidenceId);
        }
        return e;
    }

    private static EvidenceResponse response(Evidence e) {
        return new EvidenceResponse(e.id, e.caseId, e.fileName, e.contentType, e.sizeBytes, e.sha256, e.description,
                e.collectedBy, e.collectedAt);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
