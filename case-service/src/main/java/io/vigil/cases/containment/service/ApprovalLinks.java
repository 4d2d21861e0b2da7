package io.vigil.cases.containment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.containment.ApprovalLink;
import io.vigil.cases.containment.PlaybookRun;
import io.vigil.cases.containment.PlaybookStep;
import io.vigil.cases.containment.repository.ContainmentFactsRepository;
import io.vigil.cases.containment.repository.RunRepository;
import io.vigil.cases.containment.rest.ApprovalView;
import io.vigil.cases.containment.rest.RunResponse;
import io.vigil.cases.notify.service.Notifier;
import io.vigil.cases.tenantfacts.EscalationRung;
import io.vigil.cases.tenantfacts.TenantContact;
import io.vigil.cases.tenantfacts.repository.TenantFactsRepository;
import io.vigil.cases.triage.Case;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant's named approvers (the containment policy's {@code approvers}, contact ids) decide a waiting step
 * without a Vigil login. When a run starts waiting on a step, each named approver is sent a link of their own
 * (e-mail, else their webhook, signed): 256 random bits, kept only as SHA-256, usable once, until it expires
 * ({@code vigil.cases.containment.approval-link-ttl}, 24 hours). Opening the link shows what is asked;
 * approving or denying it is a POST with a reason, recorded under the contact's name. The escalation matrix
 * still reminds of a wait that lasts, and a link never decides by itself.
 */
@ApplicationScoped
public class ApprovalLinks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int BATCH = 50;

    /** One approver's link to send, decided in the claiming transaction and sent after it. */
    private record Message(UUID contactId, String contactName, EscalationRung.Channel channel, String target,
            String subject, String body, Instant expiresAt) {
    }

    /** A link's decision: the run after it, the step decided and the case's number (to tell whoever started it). */
    public record Decided(RunResponse run, int step, long caseNumber) {
    }

    private record Ask(UUID tenantId, UUID caseId, UUID runId, int position, List<Message> messages) {
    }

    private final EntityManager em;
    private final RunRepository runs;
    private final ContainmentFactsRepository policies;
    private final TenantFactsRepository facts;
    private final PlaybookRuns playbookRuns;
    private final Notifier notifier;
    private final AuditChain audit;
    private final CurrentTenant current;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String publicUrl;
    private final Duration ttl;

    public ApprovalLinks(EntityManager em, RunRepository runs, ContainmentFactsRepository policies,
            TenantFactsRepository facts, PlaybookRuns playbookRuns, Notifier notifier, AuditChain audit,
            CurrentTenant current, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "vigil.public-url") String publicUrl,
            @ConfigProperty(name = "vigil.cases.containment.approval-link-ttl", defaultValue = "PT24H") Duration ttl) {
        this.em = em;
        this.runs = runs;
        this.policies = policies;
        this.facts = facts;
        this.playbookRuns = playbookRuns;
        this.notifier = notifier;
        this.audit = audit;
        this.current = current;
        this.mapper = mapper;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.ttl = ttl;
    }

    /**
     * One pass of the containment driver: every step that began to wait and whose approvers were not asked yet
     * gets its links made and sent, each sending on the case timeline. Returns how many steps were asked.
     */
    public int askNow(Instant now) {
        current.set(TenantContext.system("containment"));
        int asked = 0;
        List<PlaybookStep.Key> unasked = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select key from PlaybookStep where status = ?1 and approversAskedAt is null and waitingSince is not null"
                        + " order by waitingSince", PlaybookStep.Key.class)
                .setParameter(1, PlaybookStep.Status.WAITING_APPROVAL).setMaxResults(BATCH).getResultList());
        for (PlaybookStep.Key key : unasked) {
            Ask ask = QuarkusTransaction.requiringNew().call(() -> prepare(key, now));
            if (ask == null) {
                continue;
            }
            for (Message m : ask.messages()) {
                String outcome = m.channel() == null ? "not sent: " + m.body()
                        : notifier.sendOnce(ask.tenantId(), ask.caseId(), m.channel(), m.target(), m.subject(), m.body(), now);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("run", ask.runId());
                after.put("step", ask.position());
                after.put("contact", m.contactName());
                after.put("contactId", m.contactId());
                after.put("channel", m.channel());
                after.put("expiresAt", m.expiresAt());
                after.put("outcome", outcome);
                QuarkusTransaction.requiringNew().run(() -> audit.append(ask.tenantId(), "containment", ask.caseId(),
                        "containment.approval.requested", null, after));
            }
            asked++;
        }
        return asked;
    }

    private Ask prepare(PlaybookStep.Key key, Instant now) {
        PlaybookStep step = em.find(PlaybookStep.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (step == null || step.status != PlaybookStep.Status.WAITING_APPROVAL || step.approversAskedAt != null) {
            return null;
        }
        step.approversAskedAt = now;
        PlaybookRun run = runs.run(key.runId());
        List<UUID> approvers = policies.policy(run.tenantId).map(ContainmentFactsRepository.PolicyRow::approvers)
                .orElse(List.of());
        if (approvers.isEmpty()) {
            return null; // no named approver: the client's admins decide in the portal or through the API
        }
        Case c = em.find(Case.class, run.caseId);
        Instant expires = now.plus(ttl);
        List<Message> messages = new ArrayList<>();
        for (UUID id : approvers) {
            TenantContact contact = facts.contact(id).filter(k -> k.tenantId.equals(run.tenantId)).orElse(null);
            if (contact == null) {
                messages.add(new Message(id, "(unknown contact)", null, null, null,
                        "the policy names contact " + id + ", which the tenant does not have", expires));
                continue;
            }
            EscalationRung.Channel channel = contact.email != null ? EscalationRung.Channel.EMAIL
                    : contact.webhookUrl != null ? EscalationRung.Channel.WEBHOOK : null;
            if (channel == null) {
                messages.add(new Message(id, contact.name, null, null, null,
                        "the contact has neither an e-mail address nor a webhook to receive a link", expires));
                continue;
            }
            String token = token();
            ApprovalLink link = new ApprovalLink();
            link.tokenHash = hash(token);
            link.tenantId = run.tenantId;
            link.runId = run.id;
            link.position = key.position();
            link.contactId = id;
            link.contactName = contact.name;
            link.createdAt = now;
            link.expiresAt = expires;
            em.persist(link);
            String url = publicUrl + "/api/v1/approvals/" + run.tenantId + "/" + token;
            String subject = "[Vigil] your approval is asked: " + step.action.wire() + " on " + step.target + " (case #"
                    + c.number + ")";
            String body = channel == EscalationRung.Channel.WEBHOOK
                    ? json(run, step, c, contact, url, expires)
                    : "Case #" + c.number + " (" + c.severity + "): " + c.title + "\n\nThe SOC asks to " + step.action.wire()
                            + " on " + step.target + " (" + step.approval + ").\nYou are a named approver for your"
                            + " organisation: open this link to see the request and approve or deny it, with your reason:\n\n"
                            + url + "\n\nThe link is yours alone, works once and expires at " + expires + " (UTC).\n";
            messages.add(new Message(id, contact.name, channel, channel == EscalationRung.Channel.EMAIL ? contact.email
                    : contact.webhookUrl, subject, body, expires));
        }
        return new Ask(run.tenantId, run.caseId, run.id, key.position(), messages);
    }

    private String json(PlaybookRun run, PlaybookStep step, Case c, TenantContact contact, String url, Instant expires) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "containment.approval-requested");
        m.put("tenantId", run.tenantId);
        m.put("caseId", c.id);
        m.put("caseNumber", c.number);
        m.put("runId", run.id);
        m.put("step", step.key.position());
        m.put("action", step.action.wire());
        m.put("target", step.target);
        m.put("approver", Map.of("id", contact.id, "name", contact.name));
        m.put("link", url);
        m.put("expiresAt", expires.toString());
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the link's holder is asked (no decision made; a mail scanner opening it changes nothing). */
    public ApprovalView view(UUID tenantId, String token) {
        enter(tenantId);
        return QuarkusTransaction.requiringNew().call(() -> {
            ApprovalLink link = find(tenantId, token, false);
            PlaybookRun run = runs.run(link.runId);
            PlaybookStep step = em.find(PlaybookStep.class, new PlaybookStep.Key(link.runId, link.position));
            Case c = em.find(Case.class, run.caseId);
            Instant now = clock.instant();
            String state = link.usedAt != null ? "USED" : !now.isBefore(link.expiresAt) ? "EXPIRED"
                    : step.status != PlaybookStep.Status.WAITING_APPROVAL ? "DECIDED" : "OPEN";
            return new ApprovalView(state, link.contactName, c.number, c.title, c.severity.name(), run.playbook,
                    link.position, step.action.wire(), step.target, step.approval, step.status.name(), step.decidedBy,
                    link.expiresAt, link.usedAt, link.decision);
        });
    }

    /**
     * The link's holder approves or denies the step, saying why: 404 for an unknown link, 409 once it was used
     * or the step was decided meanwhile, 410 once it expired, 403 when the contact is no longer an approver.
     */
    public Decided decide(UUID tenantId, String token, boolean approve, String note) {
        enter(tenantId);
        return QuarkusTransaction.requiringNew().call(() -> {
            ApprovalLink link = find(tenantId, token, true);
            Instant now = clock.instant();
            if (link.usedAt != null) {
                throw new ProblemException.Conflict("this link was used at " + link.usedAt + " to "
                        + ("APPROVED".equals(link.decision) ? "approve" : "deny") + " the step; a link works once");
            }
            if (!now.isBefore(link.expiresAt)) {
                throw new ProblemException.Gone("this link expired at " + link.expiresAt + "; your organisation's admin"
                        + " can still decide in the portal, or the SOC can ask again");
            }
            if (!policies.policy(tenantId).map(p -> p.approvers().contains(link.contactId)).orElse(false)) {
                throw new ProblemException.Forbidden(link.contactName + " is no longer a named approver of this"
                        + " organisation's containment policy");
            }
            PlaybookRun run = runs.lockRun(link.runId);
            PlaybookStep step = em.find(PlaybookStep.class, new PlaybookStep.Key(link.runId, link.position),
                    LockModeType.PESSIMISTIC_WRITE);
            if (step.status != PlaybookStep.Status.WAITING_APPROVAL) {
                throw new ProblemException.Conflict("step " + link.position + " is " + step.status + ", no longer waiting"
                        + (step.decidedBy == null ? "" : ": " + step.decidedBy + " decided it at " + step.decidedAt));
            }
            link.usedAt = now;
            link.decision = approve ? "APPROVED" : "DENIED";
            RunResponse after = playbookRuns.decideByContact(run, step, link.contactId, link.contactName, approve, note);
            return new Decided(after, link.position, em.find(Case.class, run.caseId).number);
        });
    }

    private void enter(UUID tenantId) {
        current.set(new TenantContext("approval-link", Set.of(tenantId), Set.of(), TenantContext.Source.MESSAGE));
    }

    private ApprovalLink find(UUID tenantId, String token, boolean lock) {
        ApprovalLink link = token == null || !TOKEN.matcher(token).matches() ? null
                : lock ? em.find(ApprovalLink.class, hash(token), LockModeType.PESSIMISTIC_WRITE)
                        : em.find(ApprovalLink.class, hash(token));
        if (link == null || !link.tenantId.equals(tenantId)) {
            throw new ProblemException.NotFound("no such approval link: check that it was copied whole");
        }
        return link;
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
