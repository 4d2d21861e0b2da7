package io.vigil.detection.engine.rule;

import java.util.List;
import java.util.Map;

/**
 * Values of {@code %name%} placeholders used with the {@code expand} modifier (admin groups, domain
 * controllers...), set per tenant. An unknown placeholder expands to nothing, so the item cannot match.
 */
@FunctionalInterface
public interface Placeholders {

    List<String> values(String name);

    Placeholders NONE = name -> List.of();

    static Placeholders of(Map<String, List<String>> values) {
        return name -> values.getOrDefault(name, List.of());
    }
}
