package io.vigil.cases.task.service;

import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.task.CaseTask;
import io.vigil.cases.task.repository.TaskRepository;
import io.vigil.cases.task.rest.PatchTaskRequest;
import io.vigil.cases.task.rest.TaskResponse;
import io.vigil.cases.tenantfacts.TenantMessages;
import io.vigil.cases.tenantfacts.repository.ExposureRepository;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Patch tasks: a case's task to patch one CVE on one of its assets, taken from what the scanners found open
 * there, and closed by the scan that no longer finds it (tenant.asset.exposure-changed lists it as fixed).
 */
@ApplicationScoped
public class PatchTasks {

    private final TaskRepository tasks;
    private final CaseRepository cases;
    private final ExposureRepository exposures;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;

    public PatchTasks(TaskRepository tasks, CaseRepository cases, ExposureRepository exposures, CurrentTenant current,
            AuditChain audit, Clock clock) {
        this.tasks = tasks;
        this.cases = cases;
        this.exposures = exposures;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<TaskResponse> add(UUID caseId, PatchTaskRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        String cve = r == null || r.cve() == null ? null : r.cve().trim().toUpperCase(Locale.ROOT);
        String host = r == null || r.host() == null || r.host().isBlank() ? null : r.host().trim().toLowerCase(Locale.ROOT);
        if (host != null && Arrays.stream(c.hosts).noneMatch(h -> h.equalsIgnoreCase(host) || h.startsWith(host + "."))) {
            throw new ProblemException.Unprocessable("host '" + host + "' is not one of case " + c.number + "'s hosts "
                    + Arrays.toString(c.hosts), List.of());
        }
        List<CaseTask> added = addFor(c, host, cve, current.get().subject());
        if (added.isEmpty() && cve != null) {
            throw new ProblemException.Unprocessable(cve + " is not open on " + (host != null ? host : "the case's hosts")
                    + " by the last scans, or it already has a patch task", List.of());
        }
        return added.stream().map(TaskResponse::of).toList();
    }

    /**
     * Adds the case's patch tasks (the caller's transaction): for {@code onlyCve} if given, else for every CVE open
     * on the case's hosts that is known exploited or critical; one per CVE and asset, never twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CaseTask> addFor(Case c, String onlyHost, String onlyCve, String actor) {
        List<String> hosts = onlyHost == null ? Arrays.asList(c.hosts) : List.of(onlyHost);
        Set<String> have = tasks.patchesOf(c.id);
        int position = tasks.nextPosition(c.id);
        Instant now = clock.instant();
        List<CaseTask> added = new ArrayList<>();
        for (ExposureRepository.AssetExposure a : exposures.ofHosts(c.tenantId, hosts)) {
            for (TenantMessages.ExposedCve cve : a.cves()) {
                boolean wanted = onlyCve != null ? cve.cve().equals(onlyCve)
                        : cve.knownExploited() || (cve.cvss() != null && cve.cvss() >= 9.0);
                if (!wanted || !have.add(cve.cve() + "|" + a.assetId())) {
                    continue;
                }
                CaseTask t = new CaseTask();
                t.id = UUID.randomUUID();
                t.tenantId = c.tenantId;
                t.caseId = c.id;
                t.position = position++;
                t.kind = CaseTask.Kind.PATCH;
                t.cve = cve.cve();
                t.assetId = a.assetId();
                t.host = a.hostname();
                t.title = "Patch " + cve.cve() + " on " + a.hostname();
                t.description = describe(cve, a);
                t.status = CaseTask.Status.OPEN;
                t.createdAt = now;
                t.createdBy = actor;
                tasks.persist(t);
                added.add(t);
            }
        }
        if (!added.isEmpty()) {
            audit.append(c.tenantId, actor, c.id, "case.patch-tasks-added", null, Map.of("tasks",
                    added.stream().map(t -> t.title).toList()));
        }
        return added;
    }

    /**
     * Closes the open patch tasks of these CVEs on the asset, in every case of the tenant: the scan of
     * {@code scannedAt} no longer finds them. Each closure is on its case's timeline. Returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int closeFixed(UUID tenantId, UUID assetId, List<String> fixed, String scanner, Instant scannedAt) {
        if (fixed == null || fixed.isEmpty()) {
            return 0;
        }
        List<CaseTask> open = tasks.openPatches(tenantId, assetId, fixed);
        String actor = "scanner:" + scanner;
        for (CaseTask t : open) {
            t.status = CaseTask.Status.DONE;
            t.doneBy = actor;
            t.doneAt = scannedAt;
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("task", t.title);
            after.put("status", "DONE");
            after.put("reason", "the " + scanner + " scan of " + scannedAt + " no longer finds " + t.cve + " on " + t.host);
            audit.append(tenantId, actor, t.caseId, "case.task-updated", Map.of("task", t.title, "status", "OPEN"), after);
        }
        return open.size();
    }

    private static String describe(TenantMessages.ExposedCve cve, ExposureRepository.AssetExposure a) {
        StringBuilder b = new StringBuilder();
        if (cve.title() != null) {
            b.append(cve.title()).append(". ");
        }
        if (cve.cvss() != null) {
            b.append(String.format(Locale.ROOT, "CVSS %.1f. ", cve.cvss()));
        }
        if (cve.knownExploited()) {
            b.append("On CISA's Known Exploited Vulnerabilities catalog");
            if (cve.kevDateAdded() != null) {
                b.append(" since ").append(cve.kevDateAdded());
            }
            b.append(cve.ransomware() ? ", used in ransomware campaigns. " : ". ");
        }
        b.append("Found by the ").append(a.scanner()).append(" scan of ").append(a.scannedAt())
                .append("; closes by itself when a later scan no longer finds it.");
        return b.toString();
    }
}
