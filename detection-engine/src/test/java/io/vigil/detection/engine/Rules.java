package io.vigil.detection.engine;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.util.Map;

/** Small helpers to write rules and events inline in tests. */
final class Rules {

    private Rules() {
    }

    static SigmaRule rule(String detectionYaml) {
        return SigmaParser.parse("title: t\nlogsource: {product: test}\ndetection:\n" + detectionYaml);
    }

    static boolean matches(String detectionYaml, Map<String, Object> fields) {
        return rule(detectionYaml).matches(new MapEvent(fields));
    }
}
