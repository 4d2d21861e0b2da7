package io.vigil.cases.containment.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.containment.rest.RunResponse;
import io.vigil.cases.notify.service.Notifier;
import io.vigil.cases.tenantfacts.EscalationRung;
import io.vigil.cases.triage.service.StaffDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When the client denies a step, the SOC hears of it at once: an e-mail to whoever started the run (their
 * address from the identity directory) or, for a run an automation rule started, to the SOC mailbox
 * ({@code vigil.cases.soc-mailbox}). What was sent, or why nothing could be, goes on the case's timeline.
 */
@ApplicationScoped
public class DenialNotice {

    private final Notifier notifier;
    private final StaffDirectory directory;
    private final AuditChain audit;
    private final Clock clock;
    private final Optional<String> socMailbox;

    public DenialNotice(Notifier notifier, StaffDirectory directory, AuditChain audit, Clock clock,
            @ConfigProperty(name = "vigil.cases.soc-mailbox") Optional<String> socMailbox) {
        this.notifier = notifier;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.socMailbox = socMailbox;
    }

    /** After the decision committed: {@code run} as it stands, {@code position} the denied step. */
    public void denied(RunResponse run, int position, long caseNumber) {
        RunResponse.Step step = run.steps().stream().filter(s -> s.position() == position).findFirst().orElseThrow();
        Optional<String> to = run.startedBy().startsWith("automation:") ? socMailbox : directory.email(run.startedBy());
        Instant now = clock.instant();
        String subject = "[Vigil] denied by the client: " + step.action() + " on " + step.target() + " (case #" + caseNumber + ")";
        String body = "The client's admin " + step.decidedBy() + " denied step " + position + " of playbook " + run.playbook()
                + " on case #" + caseNumber + ": " + step.action() + " on " + step.target() + ".\n\nTheir reason: "
                + step.decisionNote() + "\n\nThe run stopped; the steps after it were skipped. The case: /api/v1/cases/"
                + run.caseId() + "\n";
        String outcome = to.map(address -> notifier.sendOnce(run.tenantId(), run.caseId(), EscalationRung.Channel.EMAIL,
                address, subject, body, now)).orElse("not sent: no address for " + run.startedBy()
                        + (run.startedBy().startsWith("automation:") ? " (set vigil.cases.soc-mailbox)" : ""));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("run", run.id());
        after.put("step", position);
        after.put("to", to.orElse(null));
        after.put("outcome", outcome);
        QuarkusTransaction.requiringNew().run(() -> audit.append(run.tenantId(), "containment", run.caseId(),
                "containment.denial.notified", null, after));
    }
}
