package io.vigil.cases.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.alert.Alert;
import io.vigil.cases.audit.rest.AuditEntry;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.review.FollowUp;
import io.vigil.cases.review.Review;
import io.vigil.cases.review.RuleFollowUp;
import io.vigil.cases.review.repository.ReviewRepository;
import io.vigil.cases.review.rest.ReviewRequest;
import io.vigil.cases.review.rest.ReviewResponse;
import io.vigil.cases.stream.CaseStreams;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Post-incident reviews: for true-positive cases of high and critical severity, the root cause, what worked and
 * what did not, and follow-ups with owners and due dates. Detection and playbook follow-ups are sent to
 * detection-service ({@code rule.follow-up} on alert-verdicts), which shows them beside the rule's verdicts.
 */
@ApplicationScoped
public class Reviews {

    /** Timeline actions the generated summary names, besides the case's own milestones. */
    private static final Set<String> NOTABLE = Set.of("case.escalated", "containment.run.started",
            "containment.step.approved", "containment.step.denied", "case.patch-tasks-added", "case.reopened");

    private final ReviewRepository reviews;
    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Outbox outbox;
    private final CaseStreams streams;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Reviews(ReviewRepository reviews, CaseRepository cases, CurrentTenant current, AuditChain audit, Outbox outbox,
            CaseStreams streams, ObjectMapper mapper, Clock clock) {
        this.reviews = reviews;
        this.cases = cases;
        this.current = current;
        this.audit = audit;
        this.outbox = outbox;
        this.streams = streams;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public ReviewResponse get(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        Review r = reviews.findById(c.id);
        if (r == null) {
            throw new ProblemException.NotFound("case " + c.number + " has no post-incident review yet"
                    + (eligible(c) ? "" : ": " + whyNot(c)));
        }
        return view(c, r);
    }

    @Transactional
    public ReviewResponse put(UUID caseId, ReviewRequest req) {
        Case c = cases.findVisible(caseId, current.get());
        if (!eligible(c)) {
            throw new ProblemException.Conflict("case " + c.number + " cannot have a post-incident review: " + whyNot(c));
        }
        String me = current.get().subject();
        Instant now = clock.instant();
        List<ReviewRequest.Item> items = req.followUps() == null ? List.of() : req.followUps();
        List<Problem.FieldError> bad = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReviewRequest.Item it = items.get(i);
            if (it.kind().forDetection() && it.ruleId() == null && c.ruleId == null) {
                bad.add(new Problem.FieldError("followUps[" + i + "].ruleId", "a " + it.kind()
                        + " names its rule, and the case has none"));
            }
            if (it.kind() == FollowUp.Kind.PLAYBOOK_UPDATE && (it.playbook() == null || it.playbook().isBlank())) {
                bad.add(new Problem.FieldError("followUps[" + i + "].playbook", "a PLAYBOOK_UPDATE names the playbook"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ProblemException.Unprocessable("the review's follow-ups are not complete", bad);
        }
        Review r = reviews.findById(c.id);
        Map<String, Object> before = r == null ? null : summary(r, reviews.followUps(c.id));
        boolean first = r == null;
        if (first) {
            r = new Review();
            r.caseId = c.id;
            r.tenantId = c.tenantId;
            r.createdAt = now;
            r.createdBy = me;
        }
        r.rootCause = req.rootCause().strip();
        r.whatWorked = req.whatWorked();
        r.whatDidNot = req.whatDidNot();
        r.updatedAt = now;
        r.updatedBy = me;
        if (first) {
            reviews.persist(r);
        }

        List<FollowUp> existing = reviews.followUps(c.id);
        List<FollowUp> after = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReviewRequest.Item it = items.get(i);
            FollowUp f = i < existing.size() ? existing.get(i) : null;
            boolean fresh = f == null;
            if (fresh) {
                f = new FollowUp();
                f.id = UUID.randomUUID();
                f.tenantId = c.tenantId;
                f.caseId = c.id;
                f.position = i + 1;
            }
            FollowUp.Status status = it.status() == null ? (fresh ? FollowUp.Status.OPEN : f.status) : it.status();
            String rule = it.kind().forDetection() ? (it.ruleId() != null ? it.ruleId() : c.ruleId) : it.ruleId();
            boolean changed = fresh || f.kind != it.kind() || !f.title.equals(it.title()) || !f.owner.equals(it.owner())
                    || !f.dueDate.equals(it.dueDate()) || f.status != status || !Objects.equals(f.ruleId, rule)
                    || !Objects.equals(f.playbook, it.playbook());
            f.kind = it.kind();
            f.title = it.title().strip();
            f.owner = it.owner().strip();
            f.dueDate = it.dueDate();
            f.doneAt = status == FollowUp.Status.DONE ? (f.status == FollowUp.Status.DONE && f.doneAt != null ? f.doneAt : now) : null;
            f.status = status;
            f.ruleId = rule;
            f.playbook = it.playbook();
            if (changed) {
                f.updatedAt = now;
            }
            if (fresh) {
                reviews.persistFollowUp(f);
            }
            if (changed && f.kind.forDetection()) {
                publish(c, f);
            }
            after.add(f);
        }
        for (int i = items.size(); i < existing.size(); i++) {
            FollowUp gone = existing.get(i);
            if (gone.kind.forDetection() && gone.status == FollowUp.Status.OPEN) {
                gone.status = FollowUp.Status.DROPPED;
                gone.updatedAt = now;
                publish(c, gone);
            }
            reviews.removeFollowUp(gone);
        }
        audit.append(c.tenantId, me, c.id, before == null ? "case.review.written" : "case.review.updated", before,
                summary(r, after));
        announce(c, r, after);
        return view(c, r, after);
    }

    /** The caller's tenants' open follow-ups, soonest due first, optionally of one owner. */
    @Transactional
    public List<ReviewResponse.FollowUpResponse> openFollowUps(String owner, int limit) {
        current.get();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return reviews.open(owner, limit).stream().map(f -> followUp(f, today)).toList();
    }

    /** {@code case.review.changed} on case.events: the review as it now stands, for reporting. */
    private void announce(Case c, Review r, List<FollowUp> followUps) {
        var m = new io.vigil.cases.review.ReviewChanged(c.id, c.tenantId, c.number, r.rootCause, followUps.stream()
                .map(f -> new io.vigil.cases.review.ReviewChanged.Item(f.id, f.position, f.kind.name(), f.title, f.owner,
                        f.dueDate, f.status.name(), f.doneAt)).toList(), r.updatedAt, r.updatedBy);
        try {
            outbox.add(streams.caseEvents(), new Envelope(c.tenantId, UUID.randomUUID(),
                    io.vigil.cases.review.ReviewChanged.TYPE, io.vigil.cases.review.ReviewChanged.SCHEMA_VERSION,
                    r.updatedAt, mapper.writeValueAsString(m)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the review of case " + c.id, e);
        }
    }

    private void publish(Case c, FollowUp f) {
        RuleFollowUp m = new RuleFollowUp(f.id, c.id, c.number, f.ruleId, f.kind.name(), f.title, f.owner, f.dueDate,
                f.status.name(), f.playbook, f.updatedAt);
        try {
            outbox.add(streams.alertVerdicts(), new Envelope(c.tenantId, UUID.randomUUID(), RuleFollowUp.TYPE,
                    RuleFollowUp.SCHEMA_VERSION, f.updatedAt, mapper.writeValueAsString(m)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write follow-up " + f.id, e);
        }
    }

    static boolean eligible(Case c) {
        return c.classification == Case.Classification.TRUE_POSITIVE
                && (c.severity == Alert.Severity.HIGH || c.severity == Alert.Severity.CRITICAL);
    }

    private static String whyNot(Case c) {
        return "reviews are for true-positive cases of high or critical severity, and this one is " + c.severity
                + (c.classification == null ? ", not classified yet" : ", classified " + c.classification);
    }

    private ReviewResponse view(Case c, Review r) {
        return view(c, r, reviews.followUps(c.id));
    }

    private ReviewResponse view(Case c, Review r, List<FollowUp> followUps) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new ReviewResponse(c.id, c.number, c.tenantId, c.title, c.severity.name(),
                c.classification == null ? null : c.classification.name(), timeline(c), r.rootCause, r.whatWorked,
                r.whatDidNot, followUps.stream().map(f -> followUp(f, today)).toList(), r.createdAt, r.createdBy,
                r.updatedAt, r.updatedBy);
    }

    private static ReviewResponse.FollowUpResponse followUp(FollowUp f, LocalDate today) {
        return new ReviewResponse.FollowUpResponse(f.id, f.position, f.kind, f.title, f.owner, f.dueDate, f.status,
                f.status == FollowUp.Status.OPEN && f.dueDate.isBefore(today), f.ruleId, f.playbook, f.doneAt);
    }

    /** The case's story in a few lines, from its milestones and the notable actions of its audit trail. */
    List<String> timeline(Case c) {
        List<String> out = new ArrayList<>();
        out.add(c.firstActivityAt + " first activity: " + c.alertCount + " alert(s) of rule " + c.ruleId
                + (c.hosts.length > 0 ? " on " + String.join(", ", c.hosts) : "")
                + (c.techniques.length > 0 ? " (" + String.join(", ", c.techniques) + ")" : ""));
        out.add(c.createdAt + " case " + c.number + " opened, " + minutes(c.firstActivityAt, c.createdAt)
                + " after the first activity, severity " + c.severity);
        if (c.acknowledgedAt != null) {
            out.add(c.acknowledgedAt + " acknowledged, " + minutes(c.createdAt, c.acknowledgedAt) + " after opening");
        }
        for (AuditEntry e : audit.ofCase(c.id)) {
            if (NOTABLE.contains(e.action())) {
                out.add(e.at() + " " + e.action() + " by " + e.actor());
            }
        }
        if (c.containedAt != null) {
            out.add(c.containedAt + " contained, " + minutes(c.createdAt, c.containedAt) + " after opening");
        }
        if (c.resolvedAt != null) {
            out.add(c.resolvedAt + " resolved, " + minutes(c.createdAt, c.resolvedAt) + " after opening");
        }
        if (c.closedAt != null) {
            out.add(c.closedAt + " closed as " + c.classification + (c.classificationReason == null ? ""
                    : " (" + c.classificationReason + ")"));
        }
        out.sort(String::compareTo);
        return out;
    }

    private static String minutes(Instant from, Instant to) {
        if (from == null || to == null) {
            return "?";
        }
        long m = Math.max(0, Duration.between(from, to).toMinutes());
        return m < 120 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }

    private static Map<String, Object> summary(Review r, List<FollowUp> followUps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rootCause", r.rootCause);
        m.put("whatWorked", r.whatWorked);
        m.put("whatDidNot", r.whatDidNot);
        m.put("followUps", followUps.stream().map(f -> f.kind + ": " + f.title + " (" + f.owner + ", due " + f.dueDate
                + ", " + f.status + ")").toList());
        return m;
    }
}
