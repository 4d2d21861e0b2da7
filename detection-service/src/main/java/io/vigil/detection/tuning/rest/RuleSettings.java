package io.vigil.detection.tuning.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Which rules raise alerts for a tenant: those at or above {@code minLevel}, of one of {@code statuses}
 * (empty: any), carrying none of {@code disabledTags} (e.g. attack.t1059 or a whole tactic) and not in
 * {@code disabledRules}, and not of a pack in {@code disabledPacks} (e.g. threat-hunting; absent: none).
 */
public record RuleSettings(
        @NotNull @Pattern(regexp = "informational|low|medium|high|critical",
                message = "must be informational, low, medium, high or critical") String minLevel,
        @NotNull List<@NotNull String> statuses,
        @NotNull List<@NotNull String> disabledTags,
        @NotNull List<@NotNull String> disabledRules,
        List<@NotNull String> disabledPacks) {

    public static final RuleSettings ALL = new RuleSettings("informational", List.of(), List.of(), List.of(), List.of());

    public RuleSettings {
        disabledPacks = disabledPacks == null ? List.of() : disabledPacks;
    }
}
