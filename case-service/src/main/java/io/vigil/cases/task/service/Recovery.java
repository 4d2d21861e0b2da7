package io.vigil.cases.task.service;

import io.vigil.cases.alert.AlertRaised;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.observable.service.Observables;
import io.vigil.cases.task.CaseTask;
import io.vigil.cases.task.repository.TaskRepository;
import io.vigil.cases.task.rest.RecoveryRequest;
import io.vigil.cases.task.rest.RecoveryResponse;
import io.vigil.cases.task.rest.TaskResponse;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Recovery of a case: restore and validate each of its hosts, then watch its observables for recurrence for
 * some days. While the watch lasts, an alert naming one of them reopens the resolved or closed case instead
 * of opening a new one.
 */
@ApplicationScoped
public class Recovery {

    public static final int DEFAULT_WATCH_DAYS = 14;

    private final CaseRepository cases;
    private final TaskRepository tasks;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final EntityManager em;
    private final Clock clock;

    public Recovery(CaseRepository cases, TaskRepository tasks, CurrentTenant current, AuditChain audit, EntityManager em,
            Clock clock) {
        this.cases = cases;
        this.tasks = tasks;
        this.current = current;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public RecoveryResponse start(UUID caseId, RecoveryRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        int days = r == null || r.watchDays() == null ? DEFAULT_WATCH_DAYS : r.watchDays();
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofDays(days));
        if (c.watchUntil == null || until.isAfter(c.watchUntil)) {
            c.watchUntil = until;
        }
        String me = current.get().subject();
        Set<String> have = new HashSet<>();
        tasks.ofCase(c.id).stream().filter(t -> t.kind == CaseTask.Kind.RECOVERY).forEach(t -> have.add(t.title));
        List<String[]> wanted = new ArrayList<>();
        for (String host : c.hosts) {
            wanted.add(new String[] {"Restore " + host + " to a known-good state",
                "Reimage or restore from a backup taken before " + c.firstActivityAt + "; reconnect it once clean."});
            wanted.add(new String[] {"Validate " + host,
                "Services answer, no persistence is left (services, scheduled tasks, run keys), credentials used on it are rotated."});
        }
        String monitor = "Monitor for recurrence until " + c.watchUntil.toString().substring(0, 10);
        tasks.ofCase(c.id).stream().filter(t -> t.kind == CaseTask.Kind.RECOVERY && t.title.startsWith("Monitor for recurrence")
                && !t.title.equals(monitor) && t.status == CaseTask.Status.OPEN).forEach(t -> t.status = CaseTask.Status.SKIPPED);
        wanted.add(new String[] {monitor, "A new alert naming one of the case's observables reopens the case."});
        int position = tasks.nextPosition(c.id);
        List<String> added = new ArrayList<>();
        for (String[] w : wanted) {
            if (!have.add(w[0])) {
                continue;
            }
            CaseTask t = new CaseTask();
            t.id = UUID.randomUUID();
            t.tenantId = c.tenantId;
            t.caseId = c.id;
            t.position = position++;
            t.kind = CaseTask.Kind.RECOVERY;
            t.title = w[0];
            t.description = w[1];
            t.status = CaseTask.Status.OPEN;
            t.createdAt = now;
            t.createdBy = me;
            tasks.persist(t);
            added.add(t.title);
        }
        List<String> watched = watched(c.id);
        audit.append(c.tenantId, me, c.id, "case.recovery.started", null, Map.of("watchUntil", c.watchUntil,
                "watched", watched, "tasks", added));
        return new RecoveryResponse(c.id, c.watchUntil, watched,
                tasks.ofCase(c.id).stream().filter(t -> t.kind == CaseTask.Kind.RECOVERY).map(TaskResponse::of).toList());
    }

    /**
     * The resolved or closed case under watch that names one of the alert's observables (locked for the caller's
     * transaction), or null. The watch that ends last wins.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Sighting sighting(UUID tenantId, AlertRaised raised, Instant at) {
        List<String> keys = Observables.keys(raised);
        if (keys.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.id, o.type || '|' || o.value from cases c join case_observables o"
                + " on o.case_id = c.id and o.tenant_id = c.tenant_id where c.tenant_id = ?1 and c.watch_until > ?2"
                + " and c.status in ('RESOLVED', 'CLOSED') and (o.type || '|' || o.value) = any (string_to_array(?3, chr(31)))"
                + " order by c.watch_until desc, c.id limit 1")
                .setParameter(1, tenantId).setParameter(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .setParameter(3, String.join("\u001f", keys)).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Case c = em.find(Case.class, rows.get(0)[0], LockModeType.PESSIMISTIC_WRITE);
        return new Sighting(c, (String) rows.get(0)[1]);
    }

    /** A watched case and the observable seen again. */
    public record Sighting(Case watched, String observable) {
    }

    private List<String> watched(UUID caseId) {
        @SuppressWarnings("unchecked")
        List<String> out = em.createNativeQuery("select type || '|' || value from case_observables where case_id = ?1"
                + " order by type, value").setParameter(1, caseId).getResultList();
        return out;
    }
}
