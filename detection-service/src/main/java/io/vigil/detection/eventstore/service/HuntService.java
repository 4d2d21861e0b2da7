package io.vigil.detection.eventstore.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.eventstore.repository.EventRepository;
import io.vigil.detection.eventstore.rest.HuntedEvent;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Hunting in the event store: field filters over a time range, newest first, cursor-paginated. */
@ApplicationScoped
public class HuntService {

    static final int MAX_IDS = 64; // 64 ids keep the request line under the 4 KiB HTTP servers accept

    private final EventRepository events;
    private final CurrentTenant current;
    private final ObjectMapper mapper;

    public HuntService(EventRepository events, CurrentTenant current, ObjectMapper mapper) {
        this.events = events;
        this.current = current;
        this.mapper = mapper;
    }

    /**
     * @param where    {@code field:value}, exact (several: all must hold)
     * @param contains {@code field:text}, case-insensitive substring
     */
    @Transactional
    public Page<HuntedEvent> hunt(UUID tenantId, List<UUID> ids, Instant from, Instant to, List<String> where,
            List<String> contains, Integer limit, String cursor) {
        String tenants = current.settingFor(tenantId);
        if (ids != null && !ids.isEmpty()) {
            return byId(tenants, ids, from, to);
        }
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        if (!start.isBefore(end)) {
            throw new ProblemException.Unprocessable("from must be before to",
                    List.of(new Problem.FieldError("from", "must be before to")));
        }
        int n = Cursor.limit(limit, 100, 1000);
        Cursor before = Cursor.decode(cursor);
        ObjectNode equals = mapper.createObjectNode();
        for (String w : where == null ? List.<String>of() : where) {
            String[] kv = split(w, "where");
            equals.put(kv[0], kv[1]);
        }
        Map<String, String> substrings = new LinkedHashMap<>();
        for (String c : contains == null ? List.<String>of() : contains) {
            String[] kv = split(c, "contains");
            substrings.put(kv[0], kv[1]);
        }
        List<EventRepository.Row> rows = events.hunt(tenants, start, end, equals.isEmpty() ? null : equals.toString(),
                substrings, before == null ? null : before.at(), before == null ? null : before.id(), n + 1);
        return Page.of(rows, n, r -> new Cursor(r.ts(), r.id()),
                r -> new HuntedEvent(r.tenantId(), r.id(), r.ts(), r.receivedAt(), parse(r.doc())));
    }

    /** The events named by id (an alert's, a case's): one page, newest first, whenever they happened. */
    private Page<HuntedEvent> byId(String tenants, List<UUID> ids, Instant from, Instant to) {
        if (ids.size() > MAX_IDS) {
            throw new ProblemException.Unprocessable("at most " + MAX_IDS + " event ids per request, got " + ids.size(),
                    List.of(new Problem.FieldError("id", "at most " + MAX_IDS)));
        }
        List<EventRepository.Row> rows = events.byId(tenants, Set.copyOf(ids), from, to);
        return Page.of(rows, rows.size(), r -> new Cursor(r.ts(), r.id()),
                r -> new HuntedEvent(r.tenantId(), r.id(), r.ts(), r.receivedAt(), parse(r.doc())));
    }

    private static String[] split(String filter, String param) {
        int colon = filter.indexOf(':');
        if (colon <= 0 || colon == filter.length() - 1) {
            throw new ProblemException.Unprocessable(param + " must be field:value, got '" + filter + "'",
                    List.of(new Problem.FieldError(param, "field:value, e.g. host.name:ws-7")));
        }
        return new String[] {filter.substring(0, colon), filter.substring(colon + 1)};
    }

    private JsonNode parse(String doc) {
        try {
            return mapper.readTree(doc);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(doc);
        }
    }
}
