package io.vigil.detection.rule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.correlation.CorrelationStore;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.Placeholders;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.repository.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The compiled form of the enabled rules, swapped atomically when the catalog changes (here right after an
 * import, and on a periodic refresh for other instances). Matching never waits for a reload.
 */
@ApplicationScoped
public class RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

    /**
     * A compiled catalog: the rules every tenant shares, each rule's version (alerts name the version that
     * fired) and pack, the correlations, and the rules with {@code expand} placeholders, which each tenant
     * runs with its own values (compiled per tenant on first use, with none for tenants that set none).
     */
    public record Compiled(RuleSet rules, Map<String, Integer> versions, Map<String, String> packs,
            CorrelationEngine correlations, List<String> expandRules, RuleSet expandWithoutValues,
            Map<UUID, TenantRules> perTenant) {

        /** The tenant's own compilation of the expand rules, valid for one version of its placeholders. */
        public record TenantRules(long placeholdersVersion, RuleSet rules) {
        }

        /** The expand rules with the tenant's placeholder values ({@code version} tells when they changed). */
        public RuleSet expandRulesFor(UUID tenant, Map<String, List<String>> placeholders, long version, LogsourceMapping mapping) {
            if (expandRules.isEmpty() || placeholders.isEmpty()) {
                return expandWithoutValues;
            }
            TenantRules t = perTenant.get(tenant);
            if (t == null || t.placeholdersVersion() != version) {
                RuleSet set = new RuleSet(mapping);
                Placeholders values = Placeholders.of(placeholders);
                for (String yaml : expandRules) {
                    set.add(SigmaParser.parse(yaml, values));
                }
                t = new TenantRules(version, set);
                perTenant.put(tenant, t);
            }
            return t.rules();
        }
    }

    private final RuleRepository repository;
    private final CorrelationStore correlationStates;
    private final LogsourceMapping mapping = LogsourceMapping.defaults();
    private volatile Compiled current;
    private volatile String signature = "";
    private volatile boolean loaded;

    public RuleCatalog(RuleRepository repository, CorrelationStore correlationStates) {
        this.repository = repository;
        this.correlationStates = correlationStates;
        this.current = new Compiled(new RuleSet(mapping), Map.of(), Map.of(), new CorrelationEngine(List.of(), correlationStates),
                List.of(), new RuleSet(mapping), new ConcurrentHashMap<>());
    }

    public Compiled current() {
        return current;
    }

    public LogsourceMapping mapping() {
        return mapping;
    }

    /**
     * True once the catalog was read from the database at least once. Until then the catalog is empty, and
     * matching events against it would lose every alert they should raise: no consumer starts before.
     */
    public boolean loaded() {
        return loaded;
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            ensureLoaded();
        } catch (RuntimeException e) {
            LOG.warnf("the rule catalog cannot be read yet (%s); consumers wait for it", e.getMessage());
        }
    }

    /** Loads the catalog unless it was loaded already; throws while the database cannot be read. */
    public synchronized void ensureLoaded() {
        if (!loaded) {
            reload();
        }
    }

    /** Picks up changes other instances made; compiles only when the catalog changed. */
    @Scheduled(every = "${vigil.detection.rules.refresh:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!loaded || !QuarkusTransaction.requiringNew().call(repository::signature).equals(signature)) {
            reload();
        }
    }

    public synchronized void reload() {
        String seen = QuarkusTransaction.requiringNew().call(repository::signature);
        List<Rule> rows = QuarkusTransaction.requiringNew().call(repository::enabled);
        RuleSet set = new RuleSet(mapping);
        RuleSet expandWithoutValues = new RuleSet(mapping);
        List<String> expandRules = new ArrayList<>();
        Map<String, Integer> versions = new HashMap<>();
        Map<String, String> packs = new HashMap<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        for (Rule r : rows) {
            try {
                if ("correlation".equals(r.kind)) {
                    correlations.add(CorrelationRule.parse(r.yaml));
                } else if (r.yaml.contains("|expand")) {
                    // Placeholders are the tenant's: these rules run per tenant, never in the shared set.
                    expandWithoutValues.add(SigmaParser.parse(r.yaml));
                    expandRules.add(r.yaml);
                } else {
                    set.add(SigmaParser.parse(r.yaml));
                }
                versions.put(r.id, r.version);
                packs.put(r.id, r.pack);
            } catch (SigmaException e) {
                LOG.warnf("rule %s no longer compiles and is skipped: %s", r.id, e.getMessage());
            }
        }
        // Correlation state lives in the store, not the engine: a new engine continues every open window.
        current = new Compiled(set, Map.copyOf(versions), Map.copyOf(packs), new CorrelationEngine(correlations, correlationStates),
                List.copyOf(expandRules), expandWithoutValues, new ConcurrentHashMap<>());
        signature = seen;
        loaded = true;
    }
}
