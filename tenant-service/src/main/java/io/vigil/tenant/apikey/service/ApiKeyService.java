package io.vigil.tenant.apikey.service;

import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.tenant.apikey.ApiKey;
import io.vigil.tenant.apikey.mapping.ApiKeyMapper;
import io.vigil.tenant.apikey.repository.ApiKeyRepository;
import io.vigil.tenant.apikey.rest.ApiKeyRequest;
import io.vigil.tenant.apikey.rest.ApiKeyResponse;
import io.vigil.tenant.audit.AuditTrail;
import io.vigil.tenant.logsource.service.LogSourceService;
import io.vigil.tenant.tenant.Tenant;
import io.vigil.tenant.tenant.service.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues, lists and revokes ingestion keys; the database keeps only hashes. */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final TenantService tenants;
    private final LogSourceService sources;
    private final CurrentTenant current;
    private final AuditTrail audit;
    private final IngestDirectory directory;

    public ApiKeyService(ApiKeyRepository keys, TenantService tenants, LogSourceService sources, CurrentTenant current,
            AuditTrail audit, IngestDirectory directory) {
        this.keys = keys;
        this.tenants = tenants;
        this.sources = sources;
        this.current = current;
        this.audit = audit;
        this.directory = directory;
    }

    /** A new key, returned in clear this once. */
    @Transactional
    public ApiKeyResponse create(UUID tenantId, ApiKeyRequest req) {
        Tenant t = tenants.find(tenantId);
        if (t.status != Tenant.Status.ACTIVE && t.status != Tenant.Status.ONBOARDING) {
            throw new ProblemException.Conflict("tenant " + tenantId + " is " + t.status + ": it cannot get new keys");
        }
        io.vigil.tenant.logsource.LogSource.Format format = req.logSourceId() == null ? null
                : sources.find(tenantId, req.logSourceId()).format;
        String plain = ApiKeys.generate();
        ApiKey k = new ApiKey();
        k.id = UUID.randomUUID();
        k.tenantId = tenantId;
        k.logSourceId = req.logSourceId();
        k.name = req.name().trim();
        k.prefix = ApiKeys.displayPrefix(plain);
        k.keyHash = ApiKeys.hash(plain);
        k.createdAt = Instant.now();
        k.createdBy = current.get().subject();
        keys.persist(k);
        ApiKeyResponse listed = ApiKeyMapper.toResponse(k, null, null);
        audit.record(tenantId, "api-key", k.id, "created", listed);
        directory.publishKey(k, format); // before commit is harmless: the key is unknown to anyone until returned
        return ApiKeyMapper.toResponse(k, plain, null);
    }

    @Transactional
    public List<ApiKeyResponse> list(UUID tenantId) {
        tenants.find(tenantId);
        List<ApiKey> rows = keys.ofTenant(tenantId);
        Map<UUID, Instant> used = directory.lastUsed(rows);
        return rows.stream().map(k -> ApiKeyMapper.toResponse(k, null, used.get(k.id))).toList();
    }

    /** Revokes a key; revoking it again changes nothing. The gateway refuses it from the next request on. */
    @Transactional
    public ApiKeyResponse revoke(UUID tenantId, UUID keyId) {
        tenants.find(tenantId);
        ApiKey k = keys.findById(keyId);
        if (k == null || !k.tenantId.equals(tenantId)) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no API key " + keyId);
        }
        if (k.active()) {
            k.revokedAt = Instant.now();
            k.revokedBy = current.get().subject();
            audit.record(tenantId, "api-key", k.id, "revoked", ApiKeyMapper.toResponse(k, null, null));
        }
        directory.publishKey(k);
        return ApiKeyMapper.toResponse(k, null, null);
    }

    /** Offboarding: every key of the tenant is revoked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAll(UUID tenantId) {
        int n = 0;
        for (ApiKey k : keys.activeOfTenant(tenantId)) {
            k.revokedAt = Instant.now();
            k.revokedBy = current.get().subject();
            audit.record(tenantId, "api-key", k.id, "revoked", ApiKeyMapper.toResponse(k, null, null));
            directory.publishKey(k);
            n++;
        }
        return n;
    }
}
