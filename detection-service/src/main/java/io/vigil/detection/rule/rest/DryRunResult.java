package io.vigil.detection.rule.rest;

import java.util.List;

/** Which of the pasted events the rule matches (0-based positions); nothing is stored or raised. */
public record DryRunResult(String ruleId, String title, String level, int evaluated, List<Integer> matches) {
}
