package io.vigil.detection.rule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.correlation.CorrelationStore;
import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.repository.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The compiled form of the enabled rules, swapped atomically when the catalog changes (here right after an
 * import, and on a periodic refresh for other instances). Matching never waits for a reload.
 */
@ApplicationScoped
public class RuleCatalog {

    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

    /** A compiled set with each rule's version (alerts name the version that fired) and pack. */
    public record Compiled(RuleSet rules, Map<String, Integer> versions, Map<String, String> packs,
            CorrelationEngine correlations) {
    }

    private final RuleRepository repository;
    private final CorrelationStore correlationStates;
    private final LogsourceMapping mapping = LogsourceMapping.defaults();
    private volatile Compiled current;

    public RuleCatalog(RuleRepository repository, CorrelationStore correlationStates) {
        this.repository = repository;
        this.correlationStates = correlationStates;
        this.current = new Compiled(new RuleSet(mapping), Map.of(), Map.of(), new CorrelationEngine(List.of(), correlationStates));
    }

    public Compiled current() {
        return current;
    }

    void onStart(@Observes StartupEvent ev) {
        reload();
    }

    @Scheduled(every = "${vigil.detection.rules.refresh:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reload();
    }

    public synchronized void reload() {
        List<Rule> rows = QuarkusTransaction.requiringNew().call(repository::enabled);
        RuleSet set = new RuleSet(mapping);
        Map<String, Integer> versions = new HashMap<>();
        Map<String, String> packs = new HashMap<>();
        List<CorrelationRule> correlations = new java.util.ArrayList<>();
        for (Rule r : rows) {
            try {
                if ("correlation".equals(r.kind)) {
                    correlations.add(CorrelationRule.parse(r.yaml));
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
        current = new Compiled(set, Map.copyOf(versions), Map.copyOf(packs), new CorrelationEngine(correlations, correlationStates));
    }
}
