package io.vigil.cases.containment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.containment.Action;
import io.vigil.cases.containment.repository.ContainmentFactsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * "May this step run unasked?" from the tenant's pre-approvals: a rule names the action, the highest asset
 * criticality it covers and optionally the environments. No rule that covers the target means the client
 * decides. An undo (release a host, enable an account) never waits.
 */
@ApplicationScoped
public class ContainmentPolicy {

    private static final List<String> CRITICALITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    /** The answer and its reason, in words the timeline shows. */
    public record Decision(boolean preApproved, String reason) {
    }

    private final ContainmentFactsRepository facts;
    private final ObjectMapper mapper;

    public ContainmentPolicy(ContainmentFactsRepository facts, ObjectMapper mapper) {
        this.facts = facts;
        this.mapper = mapper;
    }

    /**
     * @param host the host the step acts on or, for an account or an indicator, the case's host (may be null)
     * @param caseCriticality the criticality the case's alerts carried, used when the asset is not known
     */
    public Decision decide(UUID tenantId, Action action, String host, String caseCriticality) {
        if (!action.gated()) {
            return new Decision(true, action.wire() + " undoes a containment: it needs no approval");
        }
        var policy = facts.policy(tenantId).orElse(null);
        if (policy == null) {
            return new Decision(false, "the client has pre-approved nothing: its approval is needed");
        }
        var asset = host == null ? null : facts.asset(tenantId, host).orElse(null);
        String criticality = upper(asset != null && asset.criticality() != null ? asset.criticality() : caseCriticality);
        String environment = asset == null ? null : asset.environment();
        String on = (host == null ? "the target" : host) + " (criticality " + (criticality == null ? "unknown" : criticality)
                + (environment == null ? "" : ", " + environment) + ")";
        try {
            for (JsonNode r : mapper.readTree(policy.rules())) {
                if (!action.policyName.equals(r.path("action").asText())) {
                    continue;
                }
                String max = upper(r.path("maxCriticality").isTextual() ? r.path("maxCriticality").asText() : null);
                if (max != null && (rank(criticality) < 0 || rank(criticality) > rank(max))) {
                    continue;
                }
                JsonNode envs = r.path("environments");
                if (envs.isArray() && !envs.isEmpty()) {
                    boolean in = false;
                    for (JsonNode e : envs) {
                        in |= environment != null && e.asText().equalsIgnoreCase(environment);
                    }
                    if (!in) {
                        continue;
                    }
                }
                return new Decision(true, "pre-approved by the client for " + action.wire() + " up to "
                        + (max == null ? "any criticality" : max) + (envs.isArray() && !envs.isEmpty() ? " in " + envs : "")
                        + ": " + on);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored containment policy is not readable", e);
        }
        return new Decision(false, "no pre-approval of " + action.wire() + " covers " + on + ": the client's approval is needed");
    }

    /** An asset criticality's place on tenant-service's scale (LOW 0 .. CRITICAL 3), any case; -1 when unknown. */
    public static int rank(String criticality) {
        return criticality == null ? -1 : CRITICALITIES.indexOf(criticality.toUpperCase(Locale.ROOT));
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
