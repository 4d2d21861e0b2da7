package io.vigil.detection.engine.rule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Data-driven mapping from Sigma logsources to Windows events ({@code logsources.yml}): which event ids and
 * channel a category means, which channels a service means, and the field names that differ.
 */
public final class LogsourceMapping {

    /** One kind of event a category covers; {@code channel} is lower-cased. */
    public record Gate(List<String> eventIds, String channel, Map<String, String> fields,
            Map<String, List<String>> where) {
    }

    private final Map<String, List<Gate>> categories;
    private final Map<String, List<String>> services;

    private LogsourceMapping(Map<String, List<Gate>> categories, Map<String, List<String>> services) {
        this.categories = categories;
        this.services = services;
    }

    public static LogsourceMapping defaults() {
        try (InputStream in = LogsourceMapping.class.getResourceAsStream("/io/vigil/detection/engine/logsources.yml")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default logsource mapping", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static LogsourceMapping parse(String yamlText) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        Map<String, Object> windows = (Map<String, Object>) root.get("windows");
        Map<String, List<Gate>> categories = new HashMap<>();
        ((Map<String, List<Map<String, Object>>>) windows.get("categories")).forEach((cat, gates) -> {
            List<Gate> list = new ArrayList<>();
            for (Map<String, Object> g : gates) {
                List<String> ids = ((List<Object>) g.get("eventIds")).stream().map(String::valueOf).toList();
                Map<String, String> fields = (Map<String, String>) g.getOrDefault("fields", Map.of());
                Map<String, List<String>> where = new HashMap<>();
                ((Map<String, List<Object>>) g.getOrDefault("where", Map.of()))
                        .forEach((k, v) -> where.put(k, v.stream().map(String::valueOf).toList()));
                String channel = (String) g.get("channel");
                list.add(new Gate(ids, channel == null ? null : channel.toLowerCase(Locale.ROOT), fields, where));
            }
            categories.put(cat, list);
        });
        Map<String, List<String>> services = new HashMap<>();
        ((Map<String, List<String>>) windows.get("services")).forEach((svc, channels) ->
                services.put(svc, channels.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()));
        return new LogsourceMapping(categories, services);
    }

    /** The gates of a Windows category, or null when the category is not mapped. */
    public List<Gate> category(String category) {
        return category == null ? null : categories.get(category);
    }

    /** The lower-cased channels of a Windows service, or null when the service is not mapped. */
    public List<String> service(String service) {
        return service == null ? null : services.get(service);
    }
}
