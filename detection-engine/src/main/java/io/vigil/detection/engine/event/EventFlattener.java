package io.vigil.detection.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON event into the flat field map rules are written against. Understands the evtx_dump shape
 * ({@code Event.System} + {@code Event.EventData} or {@code Event.UserData.<Element>}), which becomes
 * {@code EventID}, {@code Channel}, {@code Computer}, {@code Provider_Name}... plus the data fields at top
 * level (spaces removed from their names, as Sigma's Windows rules expect); any other object is flattened
 * with dotted names for nested objects, keeping top-level names as they are.
 */
public final class EventFlattener {

    private EventFlattener() {
    }

    public static MapEvent flatten(JsonNode root) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode system = root.path("Event").path("System");
        if (system.isObject()) {
            windowsSystem(system, out);
            JsonNode data = root.path("Event").path("EventData");
            if (data.isObject()) {
                data.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("#attributes")) {
                        out.put(e.getKey().replace(" ", ""), scalar(e.getValue()));
                    }
                });
            }
            JsonNode user = root.path("Event").path("UserData");
            if (user.isObject()) {
                user.fields().forEachRemaining(el -> {
                    if (el.getValue().isObject()) {
                        el.getValue().fields().forEachRemaining(e -> {
                            if (!e.getKey().equals("#attributes")) {
                                out.put(e.getKey().replace(" ", ""), scalar(e.getValue()));
                            }
                        });
                    }
                });
            }
            return new MapEvent(out);
        }
        flattenInto("", root, out);
        return new MapEvent(out);
    }

    private static void windowsSystem(JsonNode s, Map<String, Object> out) {
        JsonNode id = s.path("EventID");
        out.put("EventID", scalar(id.isObject() ? id.path("#text") : id));
        putIfPresent(out, "Provider_Name", s.path("Provider").path("#attributes").path("Name"));
        putIfPresent(out, "Provider_Guid", s.path("Provider").path("#attributes").path("Guid"));
        putIfPresent(out, "Channel", s.path("Channel"));
        putIfPresent(out, "Computer", s.path("Computer"));
        putIfPresent(out, "Security_UserID", s.path("Security").path("#attributes").path("UserID"));
        putIfPresent(out, "TimeCreated", s.path("TimeCreated").path("#attributes").path("SystemTime"));
        putIfPresent(out, "EventRecordID", s.path("EventRecordID"));
        putIfPresent(out, "Level", s.path("Level"));
        putIfPresent(out, "Task", s.path("Task"));
        putIfPresent(out, "Version", s.path("Version"));
    }

    private static void putIfPresent(Map<String, Object> out, String name, JsonNode v) {
        if (!v.isMissingNode() && !v.isNull()) {
            out.put(name, scalar(v));
        }
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, Object> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flattenInto(name, v, out);
            } else {
                out.put(name, scalar(v));
            }
        }
    }

    static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(x -> list.add(x.isContainerNode() ? x.toString() : scalar(x)));
            return list;
        }
        return v.toString();
    }
}
