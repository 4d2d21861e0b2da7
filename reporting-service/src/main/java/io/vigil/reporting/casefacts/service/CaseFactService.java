package io.vigil.reporting.casefacts.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.MessageHandler;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.reporting.casefacts.CaseFact;
import io.vigil.reporting.casefacts.CaseMessages;
import io.vigil.reporting.casefacts.CaseMessages.CaseFile;
import io.vigil.reporting.casefacts.ClockFact;
import io.vigil.reporting.casefacts.RunFact;
import io.vigil.reporting.casefacts.repository.CaseFactRepository;
import io.vigil.reporting.casefacts.repository.ClockFactRepository;
import io.vigil.reporting.casefacts.repository.RunFactRepository;
import io.vigil.reporting.tenantfacts.ReportingStreams;
import io.vigil.reporting.tenantfacts.service.TenantFactService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the read model of cases and clocks from {@code case.events}. Messages can arrive late (the inbox
 * already drops copies): a case row only moves forward in the case's version, a clock only forward in its life
 * (warned, breached, stopped).
 */
@ApplicationScoped
public class CaseFactService implements MessageHandler {

    private static final Map<String, List<Integer>> READS;

    static {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        CaseMessages.CASE_CHANGES.forEach(t -> m.put(t, List.of(1)));
        CaseMessages.CLOCK_CHANGES.forEach(t -> m.put(t, List.of(1)));
        m.put(CaseMessages.RUN_CHANGED, List.of(1));
        m.put(io.vigil.reporting.review.ReviewFacts.CHANGED, List.of(1));
        READS = Map.copyOf(m);
    }

    private final CaseFactRepository cases;
    private final ClockFactRepository clocks;
    private final RunFactRepository runs;
    private final ObjectMapper mapper;
    private final StreamConsumers consumers;
    private final String stream;

    private final io.vigil.reporting.review.ReviewFacts reviews;

    public CaseFactService(CaseFactRepository cases, ClockFactRepository clocks, RunFactRepository runs, ObjectMapper mapper,
            StreamConsumers consumers, ReportingStreams streams, io.vigil.reporting.review.ReviewFacts reviews) {
        this.reviews = reviews;
        this.cases = cases;
        this.clocks = clocks;
        this.runs = runs;
        this.mapper = mapper;
        this.consumers = consumers;
        this.stream = streams.caseEvents();
    }

    void start(@Observes StartupEvent ev) {
        consumers.start(stream, TenantFactService.GROUP, this);
    }

    @Override
    public Map<String, List<Integer>> reads() {
        return READS;
    }

    @Override
    public void handle(Envelope envelope) throws Exception {
        if (envelope.type().equals(io.vigil.reporting.review.ReviewFacts.CHANGED)) {
            reviews.apply(envelope, mapper.readValue(envelope.payload(), io.vigil.reporting.review.ReviewFacts.Changed.class));
        } else if (envelope.type().equals(CaseMessages.RUN_CHANGED)) {
            run(envelope, mapper.readValue(envelope.payload(), CaseMessages.Run.class));
        } else if (CaseMessages.CLOCK_CHANGES.contains(envelope.type())) {
            clock(envelope, mapper.readValue(envelope.payload(), CaseMessages.ClockChanged.class));
        } else {
            caseFile(envelope, mapper.readValue(envelope.payload(), CaseMessages.CaseChanged.class).caseFile());
        }
    }

    private void caseFile(Envelope envelope, CaseFile f) {
        CaseFact c = cases.findById(f.id());
        boolean fresh = c == null;
        if (fresh) {
            c = new CaseFact();
            c.caseId = f.id();
            c.tenantId = envelope.tenantId();
        }
        if (envelope.type().equals("case.reopened")) {
            c.reopened++; // the inbox hands each message over once, so every reopening counts once
        }
        // The file carries the version the change started from, so two changes of one transaction share it:
        // the later of equal versions wins.
        if (!fresh && (f.version() < c.version
                || (f.version() == c.version && envelope.occurredAt().isBefore(c.changedAt)))) {
            return; // an older change arriving late
        }
        c.number = f.number();
        c.title = f.title();
        c.severity = f.severity();
        c.priority = f.priority();
        c.priorityLabel = f.priorityLabel();
        c.status = f.status();
        c.tier = f.tier();
        c.assignee = f.assignee();
        c.ownerParty = f.ownerParty();
        c.ruleId = f.ruleId();
        c.techniques = array(f.techniques());
        c.tactics = array(f.tactics());
        c.hosts = array(f.hosts());
        c.alertCount = f.alertCount();
        c.firstActivityAt = f.firstActivityTimeUtc();
        c.createdAt = f.createdTimeUtc();
        c.acknowledgedAt = f.acknowledgedAt();
        c.containedAt = f.containedAt();
        c.resolvedAt = f.resolvedAt();
        c.closedAt = f.closedAt();
        c.classification = f.classification();
        c.rootCause = f.rootCause();
        c.version = f.version();
        c.changedAt = envelope.occurredAt();
        if (fresh) {
            cases.persist(c);
        }
    }

    private void clock(Envelope envelope, CaseMessages.ClockChanged m) {
        CaseMessages.Clock k = m.clock();
        int rank = rank(envelope.type());
        ClockFact c = clocks.findById(k.id());
        boolean fresh = c == null;
        if (fresh) {
            c = new ClockFact();
            c.clockId = k.id();
            c.tenantId = envelope.tenantId();
        } else if (rank < rank(c) || (rank == rank(c) && envelope.occurredAt().isBefore(c.announcedAt))) {
            return;
        }
        c.caseId = m.caseId();
        if (fresh) {
            // The case's own messages come first on the stream; a clock without one counts from its start.
            CaseFact opened = cases.findById(m.caseId());
            c.caseOpenedAt = opened == null ? k.startedAt() : opened.createdAt;
        }
        c.caseNumber = m.caseNumber();
        c.severity = m.severity();
        c.family = k.family();
        c.kind = k.kind();
        c.regime = k.regime();
        c.targetMinutes = k.targetMinutes();
        c.counting = k.counting();
        c.state = k.state();
        c.late = envelope.type().equals("case.sla.met-late");
        c.startedAt = k.startedAt();
        c.dueAt = k.dueAt();
        c.stoppedAt = k.stoppedAt();
        c.countedMinutes = k.countedMinutes();
        c.pausedMinutes = k.pausedMinutes();
        c.announcedAt = envelope.occurredAt();
        if (fresh) {
            clocks.persist(c);
        }
    }

    private void run(Envelope envelope, CaseMessages.Run m) throws Exception {
        RunFact r = runs.findById(m.id());
        boolean fresh = r == null;
        if (fresh) {
            r = new RunFact();
            r.runId = m.id();
            r.tenantId = envelope.tenantId();
        } else if (envelope.occurredAt().isBefore(r.changedAt)) {
            return; // an older state of the run arriving late
        }
        r.caseId = m.caseId();
        r.playbook = m.playbook();
        r.status = m.status();
        r.startedBy = m.startedBy();
        r.startedAt = m.startedAt();
        r.finishedAt = m.finishedAt();
        r.steps = mapper.writeValueAsString(m.steps() == null ? List.of() : m.steps());
        r.changedAt = envelope.occurredAt();
        if (fresh) {
            runs.persist(r);
        }
    }

    /** How far in its life a clock message is: warned, then breached, then stopped (in time or late). */
    private static int rank(String type) {
        return switch (type) {
            case "case.sla.at-risk" -> 1;
            case "case.sla.breached" -> 2;
            default -> 3;
        };
    }

    private static int rank(ClockFact c) {
        if (c.late || c.state.equals("MET")) {
            return 3;
        }
        return c.state.equals("BREACHED") ? 2 : 1;
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
