package io.vigil.tenant.contact.service;

import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.contact.Contact;
import io.vigil.tenant.contact.EscalationStep;
import io.vigil.tenant.contact.mapping.ContactMapper;
import io.vigil.tenant.contact.repository.ContactRepository;
import io.vigil.tenant.contact.repository.EscalationRepository;
import io.vigil.tenant.contact.rest.ContactRequest;
import io.vigil.tenant.contact.rest.ContactResponse;
import io.vigil.tenant.contact.rest.EscalationMatrix;
import io.vigil.tenant.sla.Severity;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.vigil.platform.net.OutboundAddresses;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A tenant's contacts and its escalation matrix (which severities reach whom, in which order, when). */
@ApplicationScoped
public class ContactService {

    private final ContactRepository contacts;
    private final EscalationRepository steps;
    private final TenantService tenants;
    private final AuditTrail audit;
    private final OutboundAddresses outbound;

    public ContactService(ContactRepository contacts, EscalationRepository steps, TenantService tenants,
            AuditTrail audit, @ConfigProperty(name = "vigil.outbound.allowed-networks") java.util.Optional<String> allowed) {
        this.outbound = OutboundAddresses.allowing(allowed.orElse(null));
        this.contacts = contacts;
        this.steps = steps;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional
    public ContactResponse create(UUID tenantId, ContactRequest req) {
        tenants.find(tenantId);
        requireReachable(req);
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.tenantId = tenantId;
        apply(c, req);
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        contacts.persist(c);
        ContactResponse out = ContactMapper.toResponse(c);
        audit.record(tenantId, "contact", c.id, "created", out);
        return out;
    }

    @Transactional
    public ContactResponse update(UUID tenantId, UUID id, ContactRequest req) {
        Contact c = find(tenantId, id);
        requireReachable(req);
        apply(c, req);
        c.updatedAt = Instant.now();
        ContactResponse out = ContactMapper.toResponse(c);
        audit.record(tenantId, "contact", c.id, "updated", out);
        return out;
    }

    @Transactional
    public void delete(UUID tenantId, UUID id) {
        Contact c = find(tenantId, id);
        if (steps.usesContact(id)) {
            throw new ProblemException.Conflict("contact " + id + " is in the escalation matrix: replace it there first");
        }
        contacts.delete(c);
        audit.record(tenantId, "contact", id, "deleted", ContactMapper.toResponse(c));
    }

    @Transactional
    public List<ContactResponse> list(UUID tenantId) {
        tenants.find(tenantId);
        return contacts.ofTenant(tenantId).stream().map(ContactMapper::toResponse).toList();
    }

    @Transactional
    public EscalationMatrix matrix(UUID tenantId) {
        tenants.find(tenantId);
        return ContactMapper.toMatrix(steps.ofTenant(tenantId));
    }

    /**
     * Replaces the whole matrix. Every contact must be the tenant's; within a severity, steps must not wait
     * less than the step before them.
     */
    @Transactional
    public EscalationMatrix replaceMatrix(UUID tenantId, EscalationMatrix matrix) {
        tenants.find(tenantId);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<Severity, List<EscalationMatrix.Step>> e : matrix.steps().entrySet()) {
            int previous = -1;
            for (int i = 0; i < e.getValue().size(); i++) {
                EscalationMatrix.Step s = e.getValue().get(i);
                String field = "steps." + e.getKey() + "[" + i + "]";
                Contact c = contacts.findById(s.contactId());
                if (c == null || !c.tenantId.equals(tenantId)) {
                    errors.add(new Problem.FieldError(field + ".contactId", "no contact " + s.contactId() + " in this tenant"));
                }
                if (s.afterMinutes() < previous) {
                    errors.add(new Problem.FieldError(field + ".afterMinutes",
                            "must not be less than the previous step's " + previous));
                }
                previous = s.afterMinutes();
                String missing = c == null ? null : switch (s.channel()) {
                    case EMAIL -> c.email == null ? "an email" : null;
                    case PHONE, SMS -> c.phone == null ? "a phone number" : null;
                    case WEBHOOK -> c.webhookUrl == null ? "a webhook URL" : null;
                };
                if (missing != null) {
                    errors.add(new Problem.FieldError(field + ".channel", c.name + " has no " + missing.substring(
                            missing.indexOf(' ') + 1) + " for " + s.channel()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.Unprocessable("the escalation matrix is not valid", errors);
        }
        steps.deleteOfTenant(tenantId);
        steps.flush();
        for (Map.Entry<Severity, List<EscalationMatrix.Step>> e : matrix.steps().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                EscalationMatrix.Step s = e.getValue().get(i);
                EscalationStep row = new EscalationStep();
                row.key = new EscalationStep.Key(tenantId, e.getKey(), i + 1);
                row.contactId = s.contactId();
                row.afterMinutes = s.afterMinutes();
                row.channel = s.channel();
                steps.persist(row);
            }
        }
        EscalationMatrix out = ContactMapper.toMatrix(steps.ofTenant(tenantId));
        audit.record(tenantId, "escalation", tenantId, "replaced", out);
        return out;
    }

    private Contact find(UUID tenantId, UUID id) {
        tenants.find(tenantId);
        Contact c = contacts.findById(id);
        if (c == null || !c.tenantId.equals(tenantId)) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no contact " + id);
        }
        return c;
    }

    private void requireReachable(ContactRequest req) {
        if (blank(req.email()) && blank(req.phone()) && blank(req.webhookUrl())) {
            throw new ProblemException.Unprocessable("a contact needs an email, a phone number or a webhook URL",
                    List.of(new Problem.FieldError("email", "give an email, a phone number or a webhook URL")));
        }
        if (!blank(req.webhookUrl())) {
            String host;
            try {
                host = URI.create(req.webhookUrl().trim()).getHost();
            } catch (IllegalArgumentException e) {
                host = null;
            }
            String why = host == null ? "has no host" : outbound.refusal(host);
            if (why != null) {
                throw new ProblemException.Unprocessable("the webhook URL is refused: " + why,
                        List.of(new Problem.FieldError("webhookUrl", "must be a public address: " + why)));
            }
        }
    }

    private static void apply(Contact c, ContactRequest req) {
        c.name = req.name().trim();
        c.role = req.role();
        c.email = blank(req.email()) ? null : req.email().trim();
        c.phone = blank(req.phone()) ? null : req.phone().trim();
        c.webhookUrl = blank(req.webhookUrl()) ? null : req.webhookUrl().trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
