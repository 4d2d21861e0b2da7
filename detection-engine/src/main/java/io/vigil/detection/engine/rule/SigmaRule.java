package io.vigil.detection.engine.rule;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.match.Matcher;
import java.util.List;

/**
 * A compiled Sigma detection rule. {@code author} travels with every match: the Detection Rule License of
 * SigmaHQ's rules requires it to be shown.
 */
public record SigmaRule(
        String id,
        String name,
        String title,
        String author,
        String level,
        String status,
        String description,
        List<String> tags,
        List<String> falsePositives,
        Logsource logsource,
        Matcher detection) {

    public boolean matches(Event event) {
        return detection.matches(event);
    }
}
