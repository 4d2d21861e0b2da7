package io.vigil.tenant.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.Page;
import io.vigil.tenant.audit.AuditEntry;
import io.vigil.tenant.audit.repository.AuditRepository;
import io.vigil.tenant.audit.rest.AuditEntryResponse;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reads a tenant's audit trail. */
@ApplicationScoped
public class AuditQuery {

    private final AuditRepository entries;
    private final TenantService tenants;
    private final ObjectMapper json;

    public AuditQuery(AuditRepository entries, TenantService tenants, ObjectMapper json) {
        this.entries = entries;
        this.tenants = tenants;
        this.json = json;
    }

    @Transactional
    public Page<AuditEntryResponse> list(UUID tenantId, String entityType, Integer limit, String cursor) {
        tenants.find(tenantId);
        int n = Cursor.limit(limit, 100, 1000);
        Cursor after = Cursor.decode(cursor);
        List<AuditEntry> rows = entries.pageAfter(tenantId, after == null ? null : after.at(),
                after == null ? null : after.id(), entityType, n + 1);
        return Page.of(rows, n, e -> new Cursor(e.at, e.id), e -> new AuditEntryResponse(e.id, e.at, e.actor,
                e.action, e.entityType, e.entityId, parse(e.changes)));
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(s);
        }
    }
}
