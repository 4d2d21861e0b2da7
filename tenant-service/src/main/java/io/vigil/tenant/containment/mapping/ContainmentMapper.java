package io.vigil.tenant.containment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.tenant.containment.ContainmentPolicy;
import io.vigil.tenant.containment.ContainmentRules;
import io.vigil.tenant.containment.rest.ContainmentPolicyBody;
import java.util.List;
import java.util.UUID;

public final class ContainmentMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainmentMapper() {
    }

    public static List<ContainmentRules.Rule> rules(ContainmentPolicy p) {
        return read(p.rules, new TypeReference<List<ContainmentRules.Rule>>() {
        });
    }

    public static List<UUID> approvers(ContainmentPolicy p) {
        return read(p.approvers, new TypeReference<List<UUID>>() {
        });
    }

    public static void apply(ContainmentPolicy p, ContainmentPolicyBody body) {
        List<ContainmentRules.Rule> rules = body.rules().stream()
                .map(r -> new ContainmentRules.Rule(r.action(), r.maxCriticality(),
                        r.environments() == null ? List.of() : r.environments())).toList();
        p.rules = write(rules);
        p.approvers = write(body.approvers());
        p.escalateAfterMinutes = body.escalateAfterMinutes();
    }

    public static ContainmentPolicyBody toBody(ContainmentPolicy p) {
        List<ContainmentPolicyBody.RuleBody> rules = rules(p).stream()
                .map(r -> new ContainmentPolicyBody.RuleBody(r.action(), r.maxCriticality(), r.environments())).toList();
        return new ContainmentPolicyBody(rules, approvers(p), p.escalateAfterMinutes, p.updatedAt);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored containment policy is not valid JSON", e);
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
