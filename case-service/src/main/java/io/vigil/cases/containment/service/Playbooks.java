package io.vigil.cases.containment.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.cases.audit.service.AuditChain;
import io.vigil.cases.containment.Playbook;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The playbooks a tenant's cases can run: the tenant's own (tenant_playbooks, versioned, same format as the
 * shipped ones), then the ones Vigil ships. A tenant's own playbook of a shipped name takes its place for
 * that tenant only.
 */
@ApplicationScoped
public class Playbooks {

    private final PlaybookCatalog shipped;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final CurrentTenant current;
    private final AuditChain audit;
    private final Clock clock;

    public Playbooks(PlaybookCatalog shipped, EntityManager em, ObjectMapper mapper, CurrentTenant current, AuditChain audit,
            Clock clock) {
        this.shipped = shipped;
        this.em = em;
        this.mapper = mapper;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's playbook of this name, else the shipped one (the caller's transaction and tenant walls). */
    public Optional<Playbook> find(UUID tenantId, String name) {
        List<?> rows = em.createNativeQuery("select cast(definition as text) from tenant_playbooks where tenant_id = ?1"
                + " and name = ?2").setParameter(1, tenantId).setParameter(2, name).getResultList();
        if (!rows.isEmpty()) {
            return Optional.of(read((String) rows.get(0)));
        }
        return shipped.find(name);
    }

    /** Every playbook the tenant's cases can run, its own first. */
    public List<Playbook> all(UUID tenantId) {
        Map<String, Playbook> out = new LinkedHashMap<>();
        for (Playbook p : own(tenantId)) {
            out.put(p.name(), p);
        }
        for (Playbook p : shipped.all()) {
            out.putIfAbsent(p.name(), p);
        }
        return new ArrayList<>(out.values());
    }

    @Transactional
    public List<Playbook> ownOf(UUID tenantId) {
        current.requireVisible(tenantId);
        return own(tenantId);
    }

    /** Writes the tenant's playbook of this name as its next version; the definition is checked as a shipped one is. */
    @Transactional
    public Playbook put(UUID tenantId, String name, io.vigil.cases.containment.rest.PlaybookRequest request) {
        current.requireVisible(tenantId);
        if (!io.vigil.cases.support.Names.valid(name)) {
            throw new ProblemException.BadRequest("a playbook name is lower-case letters, digits and dashes (at most 63)");
        }
        // The request is the stored definition's shape; absent fields read as the shipped format's defaults.
        ObjectNode body = mapper.valueToTree(request);
        List<?> versions = em.createNativeQuery("select version from tenant_playbooks where tenant_id = ?1 and name = ?2"
                + " for update").setParameter(1, tenantId).setParameter(2, name).getResultList();
        int version = versions.isEmpty() ? 1 : ((Number) versions.get(0)).intValue() + 1;
        ObjectNode definition = body.put("name", name).put("version", version);
        Playbook p;
        try {
            p = PlaybookCatalog.parse(definition);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Unprocessable("the playbook is not valid: " + e.getMessage(), List.of());
        }
        String me = current.get().subject();
        em.createNativeQuery("insert into tenant_playbooks (tenant_id, name, version, definition, updated_at, updated_by)"
                + " values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6) on conflict (tenant_id, name) do update set"
                + " version = excluded.version, definition = excluded.definition, updated_at = excluded.updated_at,"
                + " updated_by = excluded.updated_by")
                .setParameter(1, tenantId).setParameter(2, name).setParameter(3, version)
                .setParameter(4, definition.toString())
                .setParameter(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).setParameter(6, me).executeUpdate();
        audit.append(tenantId, me, null, "containment.playbook.written", null, Map.of("playbook", name, "version", version,
                "steps", p.steps().stream().map(s -> s.action().wire()).toList()));
        return p;
    }

    @Transactional
    public void delete(UUID tenantId, String name) {
        current.requireVisible(tenantId);
        int n = em.createNativeQuery("delete from tenant_playbooks where tenant_id = ?1 and name = ?2")
                .setParameter(1, tenantId).setParameter(2, name).executeUpdate();
        if (n == 0) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no playbook of its own named " + name);
        }
        audit.append(tenantId, current.get().subject(), null, "containment.playbook.deleted", Map.of("playbook", name), null);
    }

    private List<Playbook> own(UUID tenantId) {
        List<Playbook> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select cast(definition as text) from tenant_playbooks where tenant_id = ?1"
                + " order by name").setParameter(1, tenantId).getResultList()) {
            out.add(read((String) o));
        }
        return out;
    }

    private Playbook read(String json) {
        try {
            return PlaybookCatalog.parse(mapper.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored playbook is not JSON", e);
        }
    }
}
