package io.vigil.cases.communication.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.communication.Communication;
import io.vigil.cases.communication.rest.CommunicationRequest;
import io.vigil.cases.communication.rest.CommunicationResponse;
import io.vigil.cases.sla.service.SlaClocks;
import io.vigil.cases.tenantfacts.repository.TenantFactsRepository;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The record of who was told what about a case, and when: each communication to a stakeholder, its text from
 * the audience's template (communications/templates.json) unless written out, on the case's timeline. The
 * provider telling the client (its IT or executives) meets the case's notify promise, as a shared comment does.
 */
@ApplicationScoped
public class Communications {

    /** An audience's template: placeholders {{case}}, {{title}}, {{severity}}, {{status}}, {{client}}, {{hosts}},
     * {{firstActivity}}, {{regimes}}, {{note}}. */
    public record Template(Communication.Audience audience, String subject, String body) {
    }

    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final SlaClocks clocks;
    private final TenantFactsRepository facts;
    private final EntityManager em;
    private final Clock clock;
    private final Map<Communication.Audience, Template> templates;

    public Communications(CaseRepository cases, CurrentTenant current, AuditChain audit, SlaClocks clocks,
            TenantFactsRepository facts, EntityManager em, Clock clock, ObjectMapper mapper) {
        this.cases = cases;
        this.current = current;
        this.audit = audit;
        this.clocks = clocks;
        this.facts = facts;
        this.em = em;
        this.clock = clock;
        this.templates = load(mapper);
    }

    public List<Template> templates() {
        return List.copyOf(templates.values());
    }

    @Transactional
    public CommunicationResponse record(UUID caseId, CommunicationRequest r) {
        TenantContext caller = current.get();
        Case c = cases.findVisible(caseId, caller);
        Instant now = clock.instant();
        Instant sentAt = r.sentAt() == null ? now : r.sentAt();
        if (sentAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new ProblemException.Unprocessable("a communication is recorded once sent",
                    List.of(new Problem.FieldError("sentAt", "is in the future")));
        }
        if ((r.subject() == null) != (r.body() == null)) {
            throw new ProblemException.Unprocessable("give both subject and body, or neither to use the template",
                    List.of(new Problem.FieldError(r.subject() == null ? "subject" : "body", "missing")));
        }
        boolean byProvider = Case.Party.of(caller) == Case.Party.PROVIDER;
        Communication m = recordFor(c, r.audience(), r.channel(), r.recipient().strip(), r.note(), caller.subject(), byProvider,
                sentAt, r.subject(), r.body(), now);
        return CommunicationResponse.of(m);
    }

    /** A playbook's notify step: the audience's template, sent now, recorded as Vigil's own (the caller's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Communication recordFor(Case c, Communication.Audience audience, Communication.Channel channel, String recipient,
            String note, String actor, boolean byProvider, Instant now) {
        return recordFor(c, audience, channel, recipient, note, actor, byProvider, now, null, null, now);
    }

    private Communication recordFor(Case c, Communication.Audience audience, Communication.Channel channel, String recipient,
            String note, String actor, boolean byProvider, Instant sentAt, String subject, String body, Instant now) {
        Communication m = new Communication();
        m.id = UUID.randomUUID();
        m.tenantId = c.tenantId;
        m.caseId = c.id;
        m.audience = audience;
        m.recipient = recipient;
        m.channel = channel;
        m.sentAt = sentAt;
        if (subject != null) {
            m.subject = subject;
            m.body = body;
        } else {
            Template t = templates.get(audience);
            Map<String, String> values = values(c, note);
            m.subject = fill(t.subject(), values);
            m.body = fill(t.body(), values);
            m.template = audience.name();
        }
        m.recordedBy = actor;
        m.recordedAt = now;
        em.persist(m);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("audience", m.audience);
        after.put("recipient", m.recipient);
        after.put("channel", m.channel);
        after.put("sentAt", m.sentAt);
        after.put("subject", m.subject);
        audit.append(c.tenantId, actor, c.id, "case.communication.recorded", null, after);
        boolean toClient = m.audience == Communication.Audience.CLIENT_IT || m.audience == Communication.Audience.EXECUTIVE;
        if (toClient && byProvider) {
            clocks.clientNotified(c, actor, sentAt);
        }
        return m;
    }

    @Transactional
    public List<CommunicationResponse> list(UUID caseId, Communication.Audience audience) {
        Case c = cases.findVisible(caseId, current.get());
        var q = em.createQuery("from Communication m where m.caseId = ?1" + (audience == null ? "" : " and m.audience = ?2")
                + " order by m.sentAt, m.id", Communication.class).setParameter(1, c.id);
        if (audience != null) {
            q.setParameter(2, audience);
        }
        return q.getResultList().stream().map(CommunicationResponse::of).toList();
    }

    private Map<String, String> values(Case c, String note) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("case", "#" + c.number);
        v.put("title", c.title);
        v.put("severity", String.valueOf(c.severity));
        v.put("status", String.valueOf(c.status));
        var profile = facts.profile(c.tenantId);
        v.put("client", profile.map(p -> p.name).filter(n -> n != null && !n.isBlank()).orElse("the client"));
        v.put("hosts", c.hosts.length == 0 ? "no host named yet" : String.join(", ", c.hosts));
        v.put("firstActivity", String.valueOf(c.firstActivityAt));
        v.put("regimes", profile.map(p -> p.regimes.length == 0 ? "none declared" : String.join(", ", p.regimes))
                .orElse("none declared"));
        v.put("note", note == null || note.isBlank() ? "(nothing further)" : note.strip());
        return v;
    }

    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static Map<Communication.Audience, Template> load(ObjectMapper mapper) {
        try (InputStream in = Communications.class.getClassLoader().getResourceAsStream("communications/templates.json")) {
            if (in == null) {
                throw new IllegalStateException("communications/templates.json is missing from the build");
            }
            List<Template> list = mapper.readValue(in, new TypeReference<>() {
            });
            Map<Communication.Audience, Template> out = new EnumMap<>(Communication.Audience.class);
            list.forEach(t -> out.put(t.audience(), t));
            for (Communication.Audience a : Communication.Audience.values()) {
                if (!out.containsKey(a)) {
                    throw new IllegalStateException("communications/templates.json has no template for " + a);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("communications/templates.json cannot be read", e);
        }
    }
}
