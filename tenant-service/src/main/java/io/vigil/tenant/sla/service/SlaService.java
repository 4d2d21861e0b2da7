package io.vigil.tenant.sla.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.sla.SlaDefault;
import io.vigil.tenant.sla.SlaOverride;
import io.vigil.tenant.sla.SlaTargets;
import io.vigil.tenant.sla.repository.SlaDefaultRepository;
import io.vigil.tenant.sla.repository.SlaOverrideRepository;
import io.vigil.tenant.sla.rest.EffectiveSla;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SLA policy: the provider's defaults and each tenant's overrides; the effective target is override else default. */
@ApplicationScoped
public class SlaService {

    /** Audit entries of provider-wide changes are kept under this id, visible to all-tenant staff only. */
    public static final UUID PROVIDER = new UUID(0, 0);

    private final SlaDefaultRepository defaults;
    private final SlaOverrideRepository overrides;
    private final TenantService tenants;
    private final CurrentTenant current;
    private final AuditTrail audit;

    public SlaService(SlaDefaultRepository defaults, SlaOverrideRepository overrides, TenantService tenants,
            CurrentTenant current, AuditTrail audit) {
        this.defaults = defaults;
        this.overrides = overrides;
        this.tenants = tenants;
        this.current = current;
        this.audit = audit;
    }

    @Transactional
    public Map<Severity, SlaTargets> defaults() {
        current.get();
        Map<Severity, SlaTargets> out = new EnumMap<>(Severity.class);
        defaults.listAll().forEach(d -> out.put(d.severity, d.targets));
        return out;
    }

    @Transactional
    public Map<Severity, SlaTargets> setDefaults(Map<Severity, SlaTargets> changes) {
        if (!current.get().allTenants()) {
            throw new ProblemException.Forbidden("only provider staff assigned to all tenants may change the defaults");
        }
        check(changes);
        changes.forEach((severity, t) -> {
            SlaDefault d = defaults.findById(severity);
            if (d == null) {
                d = new SlaDefault();
                d.severity = severity;
                d.targets = t;
                d.updatedAt = Instant.now();
                defaults.persist(d);
            } else {
                d.targets = t;
                d.updatedAt = Instant.now();
            }
        });
        audit.record(PROVIDER, "sla-defaults", "provider", "updated", changes);
        return defaults();
    }

    @Transactional
    public EffectiveSla effective(UUID tenantId) {
        tenants.find(tenantId);
        Map<Severity, EffectiveSla.Target> out = new EnumMap<>(Severity.class);
        defaults.listAll().forEach(d -> out.put(d.severity, new EffectiveSla.Target(d.targets, EffectiveSla.Source.PROVIDER)));
        overrides.ofTenant(tenantId).forEach(o -> out.put(o.key.severity(),
                new EffectiveSla.Target(o.targets, EffectiveSla.Source.TENANT)));
        return new EffectiveSla(tenantId, out);
    }

    /** Sets the tenant's own targets for the severities given; the others keep what they had. */
    @Transactional
    public EffectiveSla override(UUID tenantId, Map<Severity, SlaTargets> changes) {
        tenants.find(tenantId);
        check(changes);
        changes.forEach((severity, t) -> {
            SlaOverride o = overrides.findById(new SlaOverride.Key(tenantId, severity));
            if (o == null) {
                o = new SlaOverride();
                o.key = new SlaOverride.Key(tenantId, severity);
                o.targets = t;
                o.updatedAt = Instant.now();
                overrides.persist(o);
            } else {
                o.targets = t;
                o.updatedAt = Instant.now();
            }
        });
        audit.record(tenantId, "sla-policy", tenantId, "overridden", changes);
        return effective(tenantId);
    }

    /** Drops the tenant's override of one severity: the provider default applies again. */
    @Transactional
    public EffectiveSla revert(UUID tenantId, Severity severity) {
        tenants.find(tenantId);
        if (overrides.deleteById(new SlaOverride.Key(tenantId, severity))) {
            audit.record(tenantId, "sla-policy", tenantId, "reverted", Map.of("severity", severity));
        }
        return effective(tenantId);
    }

    /** Targets must come in the order work happens: acknowledge, then triage, then contain, then resolve. */
    private static void check(Map<Severity, SlaTargets> changes) {
        if (changes.isEmpty()) {
            throw new ProblemException.Unprocessable("no severity given",
                    List.of(new Problem.FieldError("severity", "give targets for at least one of LOW, MEDIUM, HIGH, CRITICAL")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        changes.forEach((severity, t) -> {
            if (t == null) {
                errors.add(new Problem.FieldError(severity.name(), "targets are required"));
                return;
            }
            if (t.triageMinutes() < t.acknowledgeMinutes()) {
                errors.add(new Problem.FieldError(severity + ".triageMinutes", "must not be less than acknowledgeMinutes"));
            }
            if (t.containMinutes() < t.triageMinutes()) {
                errors.add(new Problem.FieldError(severity + ".containMinutes", "must not be less than triageMinutes"));
            }
            if (t.resolveMinutes() != null && t.resolveMinutes() < t.containMinutes()) {
                errors.add(new Problem.FieldError(severity + ".resolveMinutes", "must not be less than containMinutes"));
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException.Unprocessable("the SLA targets are not valid", errors);
        }
    }
}
