package io.vigil.cases.observable.service;

import io.vigil.cases.alert.AlertRaised;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.observable.Observable;
import io.vigil.cases.observable.repository.ObservableRepository;
import io.vigil.cases.observable.rest.ObservableRequest;
import io.vigil.cases.observable.rest.ObservableResponse;
import io.vigil.cases.observable.rest.RelatedCase;
import io.vigil.cases.triage.Case;
import io.vigil.cases.triage.repository.CaseRepository;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A case's observables: taken from each alert that joins it (its host, user, process and source address;
 * a threat-intel hit's indicator, flagged IOC), or added by an analyst; related cases of the same tenant by
 * shared observables; and, across clients, only a count.
 */
@ApplicationScoped
public class Observables {

    /** Below this, "seen at other clients" is not shown: one other client could be inferred. */
    static final int MIN_OTHER_CLIENTS = 2;

    private final ObservableRepository observables;
    private final CaseRepository cases;
    private final CurrentTenant current;
    private final AuditChain audit;

    public Observables(ObservableRepository observables, CaseRepository cases, CurrentTenant current, AuditChain audit) {
        this.observables = observables;
        this.cases = cases;
        this.current = current;
        this.audit = audit;
    }

    /** Adds what the alert names to its case, once each (in the intake's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fromAlert(Case c, AlertRaised a, String actor) {
        Map<String, String> e = a.entities() == null ? Map.of() : a.entities();
        add(c, Observable.Type.HOST, e.get("host"), false, actor);
        add(c, Observable.Type.USER, e.get("user"), false, actor);
        add(c, Observable.Type.PROCESS, e.get("process"), false, actor);
        add(c, Observable.Type.IP, e.get("sourceIp"), false, actor);
        if (a.indicator() != null && a.indicator().value() != null) {
            Observable.Type t = indicatorType(a.indicator().type());
            Observable o = add(c, t, a.indicator().value(), true, actor);
            if (o != null && !o.ioc) {
                o.ioc = true; // seen before as a plain entity; now known bad
            }
        }
    }

    /** The observable type of a threat-intel indicator's type. */
    private static Observable.Type indicatorType(String type) {
        return switch (type == null ? "" : type) {
            case "IPV4", "IPV6", "CIDR" -> Observable.Type.IP;
            case "DOMAIN" -> Observable.Type.DOMAIN;
            case "URL" -> Observable.Type.URL;
            case "EMAIL" -> Observable.Type.EMAIL;
            default -> Observable.Type.FILE_HASH;
        };
    }

    /** What the alert names, as "type|value" of the observables {@link #fromAlert} would add. */
    public static List<String> keys(AlertRaised a) {
        Map<String, String> e = a.entities() == null ? Map.of() : a.entities();
        List<String> out = new java.util.ArrayList<>();
        java.util.function.BiConsumer<Observable.Type, String> put = (t, v) -> {
            if (v != null && !v.isBlank()) {
                out.add(t.wire() + "|" + t.normalise(v));
            }
        };
        put.accept(Observable.Type.HOST, e.get("host"));
        put.accept(Observable.Type.USER, e.get("user"));
        put.accept(Observable.Type.IP, e.get("sourceIp"));
        if (a.indicator() != null && a.indicator().value() != null) {
            Observable.Type t = indicatorType(a.indicator().type());
            put.accept(t, a.indicator().value());
        }
        return out;
    }

    private Observable add(Case c, Observable.Type type, String value, boolean ioc, String actor) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = type.normalise(value);
        Observable existing = observables.find(c.id, type.wire(), v);
        if (existing != null) {
            return existing;
        }
        Observable o = new Observable();
        o.id = UUID.randomUUID();
        o.tenantId = c.tenantId;
        o.caseId = c.id;
        o.type = type.wire();
        o.value = v;
        o.ioc = ioc;
        o.source = "ALERT";
        o.createdAt = Instant.now();
        o.createdBy = actor;
        observables.persist(o);
        return o;
    }

    @Transactional
    public List<ObservableResponse> list(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        return observables.ofCase(c.id).stream().map(o -> response(o)).toList();
    }

    @Transactional
    public ObservableResponse addByHand(UUID caseId, ObservableRequest r) {
        Case c = cases.findVisible(caseId, current.get());
        TenantContext caller = current.get();
        Observable.Type type = Observable.Type.of(r.type());
        String v = type.normalise(r.value());
        Observable o = observables.find(c.id, type.wire(), v);
        if (o != null) {
            return response(o); // already there: adding it again changes nothing
        }
        o = new Observable();
        o.id = UUID.randomUUID();
        o.tenantId = c.tenantId;
        o.caseId = c.id;
        o.type = type.wire();
        o.value = v;
        o.tlp = r.tlp() == null ? "AMBER" : r.tlp();
        o.pap = r.pap() == null ? "AMBER" : r.pap();
        o.ioc = Boolean.TRUE.equals(r.ioc());
        o.sighted = r.sighted() == null || r.sighted();
        o.source = "ANALYST";
        o.note = r.note();
        o.createdAt = Instant.now();
        o.createdBy = caller.subject();
        observables.persist(o);
        audit.append(c.tenantId, caller.subject(), c.id, "case.observable-added", null,
                Map.of("type", o.type, "value", o.value, "ioc", o.ioc, "tlp", o.tlp));
        return response(o);
    }

    /** The tenant's other cases sharing observables with this one; never another tenant's. */
    @Transactional
    public List<RelatedCase> related(UUID caseId) {
        Case c = cases.findVisible(caseId, current.get());
        List<RelatedCase> out = new ArrayList<>();
        observables.related(c.tenantId, c.id).forEach((id, shared) -> {
            Case other = cases.findById(id);
            if (other != null && current.get().allows(other.tenantId) && other.tenantId.equals(c.tenantId)) {
                out.add(new RelatedCase(other.id, other.number, other.title, other.status, other.severity,
                        shared.stream().map(s -> new RelatedCase.SharedObservable(s.type(), s.value())).toList()));
            }
        });
        return out;
    }

    private ObservableResponse response(Observable o) {
        int others = observables.otherTenants(o.type, o.value, o.tenantId);
        return new ObservableResponse(o.id, o.caseId, o.type, o.value, o.tlp, o.pap, o.ioc, o.sighted, o.source, o.note,
                o.createdAt, o.createdBy, others >= MIN_OTHER_CLIENTS ? others : null);
    }

}
