package io.vigil.tenant.containment.rest;

import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.containment.ContainmentRules;
import io.vigil.tenant.contact.rest.ContactResponse;
import java.util.List;

/**
 * May the provider run this action on this target now? If not pre-approved, whom to ask (in order) and
 * when to escalate to the next approver.
 */
public record ContainmentDecision(ContainmentRules.Action action, Asset.Criticality criticality, String environment,
        boolean preApproved, String reason, List<ContactResponse> approvers, int escalateAfterMinutes) {
}
