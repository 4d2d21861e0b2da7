package io.vigil.detection.tuning.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.tuning.rest.DetectionMapping;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Per-tenant placeholder values and field mappings, read on every event through a short cache. Field
 * mappings give the event the names the rules use (a copy of the value under the rule's name, when the
 * event does not have that field already), so no rule is recompiled for them.
 */
@ApplicationScoped
public class TenantMappings {

    private static final long CACHE_MILLIS = 5_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MAX_VALUES = 10_000;

    /** A tenant's mapping as detection uses it; {@code version} changes whenever it is set. */
    public record Mapping(Map<String, List<String>> placeholders, Map<String, Map<String, String>> fields, long version) {
        static final Mapping NONE = new Mapping(Map.of(), Map.of(), 0);
    }

    private record Cached(Mapping mapping, long at) {
    }

    private final EntityManager em;
    private final CurrentTenant current;
    private final ObjectMapper json;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public TenantMappings(EntityManager em, CurrentTenant current, ObjectMapper json) {
        this.em = em;
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
            em.createNativeQuery("insert into tenant_mappings (tenant_id, placeholders, field_mappings, updated_at)"
                    + " values (:t, cast(:p as jsonb), cast(:f as jsonb), clock_timestamp()) on conflict (tenant_id) do update"
                    + " set placeholders = excluded.placeholders, field_mappings = excluded.field_mappings,"
                    + " updated_at = clock_timestamp()")
                    .setParameter("t", tenantId).setParameter("p", json.writeValueAsString(body.placeholders()))
                    .setParameter("f", json.writeValueAsString(body.fieldMappings())).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.remove(tenantId);
        return get(tenantId);
    }

    /** The tenant's mapping for detection (in the raising transaction), cached for a few seconds. */
    public Mapping forTenant(UUID tenantId) {
        Cached c = cache.get(tenantId);
        long now = System.currentTimeMillis();
        if (c == null || now - c.at() > CACHE_MILLIS) {
            c = new Cached(load(tenantId), now);
            cache.put(tenantId, c);
        }
        return c.mapping();
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
        List<?> rows = em.createNativeQuery("select cast(placeholders as text), cast(field_mappings as text),"
                + " cast(extract(epoch from updated_at) * 1000000 as bigint) from tenant_mappings where tenant_id = :t")
                .setParameter("t", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Mapping.NONE;
        }
        Object[] r = (Object[]) rows.get(0);
        try {
            return new Mapping(json.readValue((String) r[0], new TypeReference<Map<String, List<String>>>() {
            }), json.readValue((String) r[1], new TypeReference<Map<String, Map<String, String>>>() {
            }), ((Number) r[2]).longValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable detection mapping of tenant " + tenantId, e);
        }
    }
}
