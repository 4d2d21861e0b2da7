package io.vigil.tenant.apikey.service;

import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.vigil.tenant.apikey.repository.ApiKeyRepository;
import io.vigil.tenant.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Rewrites the gateway's directories (keys, tenant statuses, assets) from the database at start, and
 * periodically heals what Redis lost; an inventory Redis still holds whole is left alone.
 */
@ApplicationScoped
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class);

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final IngestDirectory directory;
    private final CurrentTenant current;
    private final io.vigil.tenant.asset.repository.AssetRepository assets;
    private final io.vigil.tenant.logsource.repository.LogSourceRepository logSources;
    private final io.vigil.tenant.asset.service.AssetDirectory assetDirectory;
    private final io.vigil.platform.streams.RedisTenantDirectory tenantDirectory;
    private final io.vigil.tenant.identity.IdentityDirectory identities;
    private volatile boolean started;

    public DirectorySync(ApiKeyRepository keys, TenantRepository tenants, IngestDirectory directory,
            CurrentTenant current, io.vigil.tenant.asset.repository.AssetRepository assets,
            io.vigil.tenant.asset.service.AssetDirectory assetDirectory,
            io.vigil.tenant.logsource.repository.LogSourceRepository logSources,
            io.vigil.platform.streams.RedisTenantDirectory tenantDirectory, io.vigil.tenant.identity.IdentityDirectory identities) {
        this.tenantDirectory = tenantDirectory;
        this.identities = identities;
        this.logSources = logSources;
        this.assets = assets;
        this.assetDirectory = assetDirectory;
        this.keys = keys;
        this.tenants = tenants;
        this.directory = directory;
        this.current = current;
    }

    @Scheduled(every = "${vigil.tenant.directory.sync-every:5m}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void sync() {
        current.set(TenantContext.system("directory-sync"));
        healTenantDirectory();
        try {
            int n = syncNow();
            LOG.debugf("gateway directory rewritten: %d keys", n);
        } catch (RuntimeException e) {
            LOG.warnf("gateway directory sync failed, retried at the next run: %s", e.getMessage());
        }
    }

    /**
     * The installation's tenant list lives in Redis, not in the database (the service's role cannot list
     * every tenant). Should Redis lose it, it is rebuilt from the realm's tenant groups, which exist for every
     * provisioned tenant; a tenant created since and not provisioned yet is in this process's own list.
     */
    void healTenantDirectory() {
        try {
            tenantDirectory.restore(identities.tenantIds());
        } catch (RuntimeException e) {
            LOG.warnf("tenant directory not healed from Keycloak, retried at the next run: %s", e.getMessage());
        }
    }

    @Transactional
    int syncNow() {
        boolean whole = !started;
        tenants.listAll().forEach(t -> {
            directory.publishTenantStatus(t.id, t.status.name());
            if (whole) {
                assetDirectory.replaceAll(t.id, assets.byHostname(t.id).values());
            } else if (assetDirectory.heal(t.id, assets.byHostname(t.id).values())) {
                LOG.infof("gateway asset directory of tenant %s was incomplete in Redis: rewritten", t.id);
            }
        });
        started = true;
        var all = keys.allVisible();
        java.util.Map<java.util.UUID, io.vigil.tenant.logsource.LogSource.Format> formats = new java.util.HashMap<>();
        logSources.allVisible().forEach(s -> formats.put(s.id, s.format));
        directory.publishKeys(all, formats);
        return all.size();
    }
}
