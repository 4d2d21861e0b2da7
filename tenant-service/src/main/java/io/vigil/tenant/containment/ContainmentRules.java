package io.vigil.tenant.containment;

import io.vigil.tenant.asset.Asset;
import java.util.List;
import java.util.Optional;

/**
 * Which playbook actions the provider may run without asking the client. A rule pre-approves one action on
 * assets up to a business criticality, optionally only in some environments ("isolate workstations of
 * criticality low or medium; servers need approval"). No matching rule means the client must approve.
 */
public final class ContainmentRules {

    /** The containment actions playbooks run through connectors. */
    public enum Action {
        ISOLATE_HOST, DISABLE_ACCOUNT, RESET_PASSWORD, BLOCK_IP, BLOCK_DOMAIN, QUARANTINE_FILE, KILL_PROCESS
    }

    public record Rule(Action action, Asset.Criticality maxCriticality, List<String> environments) {

        boolean covers(Action a, Asset.Criticality criticality, String environment) {
            if (a != action) {
                return false;
            }
            if (maxCriticality != null && (criticality == null || criticality.compareTo(maxCriticality) > 0)) {
                return false;
            }
            return environments == null || environments.isEmpty()
                    || (environment != null && environments.stream().anyMatch(e -> e.equalsIgnoreCase(environment)));
        }
    }

    private ContainmentRules() {
    }

    /**
     * The rule that pre-approves the action on a target of this criticality and environment, if any. A
     * target with unknown criticality is only covered by a rule without a criticality bound.
     */
    public static Optional<Rule> preApproval(List<Rule> rules, Action action, Asset.Criticality criticality,
            String environment) {
        return rules.stream().filter(r -> r.covers(action, criticality, environment)).findFirst();
    }
}
