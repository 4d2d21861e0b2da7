package io.vigil.tenant.containment.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.repository.AssetRepository;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.contact.Contact;
import io.vigil.tenant.contact.mapping.ContactMapper;
import io.vigil.tenant.contact.repository.ContactRepository;
import io.vigil.tenant.contact.rest.ContactResponse;
import io.vigil.tenant.containment.ContainmentPolicy;
import io.vigil.tenant.containment.ContainmentRules;
import io.vigil.tenant.containment.mapping.ContainmentMapper;
import io.vigil.tenant.containment.repository.ContainmentPolicyRepository;
import io.vigil.tenant.containment.rest.ContainmentDecision;
import io.vigil.tenant.containment.rest.ContainmentPolicyBody;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Containment pre-approvals per tenant, and the decision a playbook asks for before it acts. */
@ApplicationScoped
public class ContainmentService {

    private final ContainmentPolicyRepository policies;
    private final ContactRepository contacts;
    private final AssetRepository assets;
    private final TenantService tenants;
    private final AuditTrail audit;

    public ContainmentService(ContainmentPolicyRepository policies, ContactRepository contacts, AssetRepository assets,
            TenantService tenants, AuditTrail audit) {
        this.policies = policies;
        this.contacts = contacts;
        this.assets = assets;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** The tenant's policy; without one, nothing is pre-approved. */
    @Transactional
    public ContainmentPolicyBody get(UUID tenantId) {
        tenants.find(tenantId);
        ContainmentPolicy p = policies.findById(tenantId);
        return p == null ? new ContainmentPolicyBody(List.of(), List.of(), 30, null) : ContainmentMapper.toBody(p);
    }

    @Transactional
    public ContainmentPolicyBody replace(UUID tenantId, ContainmentPolicyBody body) {
        tenants.find(tenantId);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.approvers().size(); i++) {
            Contact c = contacts.findById(body.approvers().get(i));
            if (c == null || !c.tenantId.equals(tenantId)) {
                errors.add(new Problem.FieldError("approvers[" + i + "]", "no contact " + body.approvers().get(i)
                        + " in this tenant"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Unprocessable("the containment policy is not valid", errors);
        }
        ContainmentPolicy p = policies.findById(tenantId);
        if (p == null) {
            p = new ContainmentPolicy();
            p.tenantId = tenantId;
            ContainmentMapper.apply(p, body);
            p.updatedAt = Instant.now();
            policies.persist(p);
        } else {
            ContainmentMapper.apply(p, body);
            p.updatedAt = Instant.now();
        }
        ContainmentPolicyBody out = ContainmentMapper.toBody(p);
        audit.record(tenantId, "containment-policy", tenantId, "replaced", out);
        return out;
    }

    /**
     * Whether {@code action} on the asset (or on a target of the given criticality and environment when
     * there is no asset) is pre-approved, and otherwise whom to ask.
     */
    @Transactional
    public ContainmentDecision decide(UUID tenantId, ContainmentRules.Action action, UUID assetId,
            Asset.Criticality criticality, String environment) {
        tenants.find(tenantId);
        if (action == null) {
            throw new ProblemException.Unprocessable("action is required", List.of(new Problem.FieldError("action",
                    "one of " + java.util.Arrays.toString(ContainmentRules.Action.values()))));
        }
        if (assetId != null) {
            Asset a = assets.findById(assetId);
            if (a == null || !a.tenantId.equals(tenantId)) {
                throw new ProblemException.NotFound("tenant " + tenantId + " has no asset " + assetId);
            }
            criticality = a.criticality;
            environment = a.environment;
        }
        ContainmentPolicy p = policies.findById(tenantId);
        List<ContainmentRules.Rule> rules = p == null ? List.of() : ContainmentMapper.rules(p);
        Optional<ContainmentRules.Rule> rule = ContainmentRules.preApproval(rules, action, criticality, environment);
        List<ContactResponse> approvers = p == null ? List.of() : ContainmentMapper.approvers(p).stream()
                .map(contacts::findById).filter(c -> c != null).map(ContactMapper::toResponse).toList();
        int escalate = p == null ? 30 : p.escalateAfterMinutes;
        String reason = rule.map(r -> "pre-approved for " + r.action() + (r.maxCriticality() == null ? ""
                        : " up to criticality " + r.maxCriticality())
                        + (r.environments().isEmpty() ? "" : " in " + String.join(", ", r.environments())))
                .orElse("no pre-approval covers " + action + " on a " + (criticality == null ? "target of unknown criticality"
                        : criticality + " target") + ": ask the client's approvers");
        return new ContainmentDecision(action, criticality, environment, rule.isPresent(), reason,
                rule.isPresent() ? List.of() : approvers, escalate);
    }
}
