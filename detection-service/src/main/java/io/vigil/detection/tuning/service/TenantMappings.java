package io.vigil.detection.tuning.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.tuning.rest.DetectionMapping;
import io.vigil.detection.tuning.repository.MappingRepository;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-tenant placeholder values and field mappings, read on every event through a short cache. Field
 * mappings give the event the names the rules use (a copy of the value under the rule's name, when the
 * event does not have that field already), so no rule is recompiled for them.
 */
@ApplicationScoped
public class TenantMappings {

    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MAX_VALUES = 10_000;

    /** A tenant's mapping as detection uses it; {@code version} changes whenever it is set. */
    public record Mapping(Map<String, List<String>> placeholders, Map<String, Map<String, String>> fields, long version) {
        static final Mapping NONE = new Mapping(Map.of(), Map.of(), 0);
    }


    private final MappingRepository store;
    private final CurrentTenant current;
    private final ObjectMapper json;
    private final TenantCache<Mapping> cache = new TenantCache<>(java.time.Duration.ofSeconds(5));

    public TenantMappings(MappingRepository store, CurrentTenant current, ObjectMapper json) {
        this.store = store;
        this.current = current;
        this.json = json;
    }

    @Transactional
    public DetectionMapping get(UUID tenantId) {
        current.requireVisible(tenantId);
        Mapping m = load(tenantId);
        return new DetectionMapping(m.placeholders(), m.fields());
    }

    @Transactional
    public DetectionMapping set(UUID tenantId, DetectionMapping body) {
        current.requireVisible(tenantId);
        List<Problem.FieldError> errors = new ArrayList<>();
        int values = 0;
        for (Map.Entry<String, List<String>> p : body.placeholders().entrySet()) {
            if (!PLACEHOLDER.matcher(p.getKey()).matches()) {
                errors.add(new Problem.FieldError("placeholders." + p.getKey(),
                        "a placeholder name is letters, digits, '_', '.' or '-', without the % signs"));
            }
            values += p.getValue().size();
        }
        if (values > MAX_VALUES) {
            errors.add(new Problem.FieldError("placeholders", "at most " + MAX_VALUES + " values in all"));
        }
        body.fieldMappings().forEach((source, fields) -> fields.forEach((ruleField, eventField) -> {
            if (ruleField.isBlank() || eventField.isBlank()) {
                errors.add(new Problem.FieldError("fieldMappings." + source, "field names must not be blank"));
            }
        }));
        if (!errors.isEmpty()) {
            throw new ProblemException.Unprocessable("the detection mapping is not valid", errors);
        }
        try {
            store.upsert(tenantId, json.writeValueAsString(body.placeholders()),
                    json.writeValueAsString(body.fieldMappings()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.invalidate(tenantId);
        return get(tenantId);
    }

    /** The tenant's mapping for detection (in the raising transaction), cached for a few seconds. */
    public Mapping forTenant(UUID tenantId) {
        return cache.get(tenantId, this::load);
    }

    /** The event with the rule field names its log source's mapping gives it (the event itself when none). */
    public static MapEvent view(MapEvent event, Mapping m) {
        if (m.fields().isEmpty()) {
            return event;
        }
        Map<String, String> all = m.fields().getOrDefault("*", Map.of());
        Object source = event.get("vigil.log_source.id");
        Map<String, String> own = source == null ? Map.of() : m.fields().getOrDefault(source.toString(), Map.of());
        if (all.isEmpty() && own.isEmpty()) {
            return event;
        }
        Map<String, Object> copy = new HashMap<>(event.fields());
        own.forEach((ruleField, eventField) -> alias(copy, event, ruleField, eventField));
        all.forEach((ruleField, eventField) -> alias(copy, event, ruleField, eventField));
        return new MapEvent(copy);
    }

    /** Copies the event field under the rule's name; {@code =value} sets a constant instead (e.g. an event id). */
    private static void alias(Map<String, Object> copy, MapEvent event, String ruleField, String eventField) {
        if (eventField.startsWith("=")) {
            copy.putIfAbsent(ruleField, eventField.substring(1));
        } else if (!copy.containsKey(ruleField) && event.has(eventField)) {
            copy.put(ruleField, event.get(eventField));
        }
    }

    private Mapping load(UUID tenantId) {
        MappingRepository.MappingRow r = store.find(tenantId).orElse(null);
        if (r == null) {
            return Mapping.NONE;
        }
        try {
            return new Mapping(json.readValue(r.placeholdersJson(), new TypeReference<Map<String, List<String>>>() {
            }), json.readValue(r.fieldMappingsJson(), new TypeReference<Map<String, Map<String, String>>>() {
            }), r.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable detection mapping of tenant " + tenantId, e);
        }
    }
}
