package io.vigil.detection.coverage.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.detection.coverage.RuleCoverage;
import io.vigil.detection.coverage.repository.EventKindRepository;
import io.vigil.detection.engine.EventKind;
import io.vigil.detection.engine.RuleSet;
import io.vigil.detection.engine.attack.Attack;
import io.vigil.detection.engine.rule.Logsource;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.pipeline.DetectionStreams;
import io.vigil.detection.rule.service.RuleCatalog;
import io.vigil.detection.tuning.service.TenantMappings;
import io.vigil.detection.tuning.service.TenantRuleSettings;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.Outbox;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Each tenant's ATT&CK coverage: the rules enabled for it (its rule settings) that the kinds of events it sent
 * within the window could make fire ({@link RuleSet#reachable}), by technique, with the blind ones and the
 * logsources they wait for. Announced as {@code detection.coverage.changed} when it changed, checked every
 * minute: a new log source, a rule imported or switched off, a kind of event no longer sent.
 */
@ApplicationScoped
public class Coverage {

    private static final Logger LOG = Logger.getLogger(Coverage.class);

    private final EventKindRepository store;
    private final RuleCatalog catalog;
    private final TenantMappings mappings;
    private final TenantRuleSettings settings;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final DetectionStreams streams;
    private final CurrentTenant current;
    private final Duration window;

    public Coverage(EventKindRepository store, RuleCatalog catalog, TenantMappings mappings, TenantRuleSettings settings,
            Outbox outbox, ObjectMapper mapper, DetectionStreams streams, CurrentTenant current,
            @ConfigProperty(name = "vigil.detection.coverage.window", defaultValue = "P30D") Duration window) {
        this.store = store;
        this.catalog = catalog;
        this.mappings = mappings;
        this.settings = settings;
        this.outbox = outbox;
        this.mapper = mapper;
        this.streams = streams;
        this.current = current;
        this.window = window;
    }

    /** The tenant's coverage now, for a caller who may see the tenant. */
    @Transactional
    public RuleCoverage of(UUID tenantId) {
        current.requireVisible(tenantId);
        return compute(tenantId, Instant.now());
    }

    @Scheduled(every = "${vigil.detection.coverage.every:1m}", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        current.set(TenantContext.system("coverage"));
        try {
            announceChanged();
        } catch (RuntimeException e) {
            LOG.warnf("coverage not announced, tried again next run: %s", e.getMessage());
        }
    }

    /** Announces every tenant's coverage that differs from the one last announced; answers how many. */
    public int announceChanged() {
        if (!catalog.loaded()) {
            return 0;
        }
        Instant now = Instant.now();
        List<UUID> tenants = QuarkusTransaction.requiringNew().call(() -> store.tenants(now.minus(window)));
        int announced = 0;
        for (UUID tenant : tenants) {
            boolean sent = QuarkusTransaction.requiringNew().call(() -> {
                RuleCoverage c = compute(tenant, now);
                String digest = digest(c);
                if (digest.equals(store.announced(tenant))) {
                    return false;
                }
                outbox.add(streams.detectionEvents(), new Envelope(tenant, UUID.randomUUID(), RuleCoverage.TYPE,
                        RuleCoverage.SCHEMA_VERSION, now, json(c)));
                store.announce(tenant, digest, now);
                return true;
            });
            announced += sent ? 1 : 0;
        }
        return announced;
    }

    RuleCoverage compute(UUID tenantId, Instant now) {
        RuleCatalog.Compiled compiled = catalog.current();
        TenantMappings.Mapping mapping = mappings.forTenant(tenantId);
        RuleSet shared = compiled.rules();
        RuleSet own = compiled.expandRulesFor(tenantId, mapping.placeholders(), mapping.version(), catalog.mapping());
        List<EventKindRepository.KindRow> kinds = store.kinds(tenantId, now.minus(window));
        Set<SigmaRule> reachable = new HashSet<>();
        List<RuleCoverage.Kind> sent = new ArrayList<>();
        for (EventKindRepository.KindRow k : kinds) {
            EventKind kind = new EventKind(k.eventId().isEmpty() ? null : k.eventId(), k.channel().isEmpty() ? null : k.channel());
            Set<String> fields = Set.copyOf(k.fields());
            reachable.addAll(shared.reachable(kind, fields));
            reachable.addAll(own.reachable(kind, fields));
            sent.add(new RuleCoverage.Kind(kind.eventId(), kind.channel(), k.lastSeen().truncatedTo(ChronoUnit.SECONDS)));
        }
        Map<String, String> packs = compiled.packs();
        List<SigmaRule> enabled = Stream.concat(shared.rules().stream(), own.rules().stream())
                .filter(r -> settings.enabled(tenantId, r, packs.get(r.id()))).toList();
        Map<String, Tally> byTechnique = new TreeMap<>();
        Map<String, Integer> blindBySource = new TreeMap<>();
        int canFire = 0;
        for (SigmaRule rule : enabled) {
            boolean fires = reachable.contains(rule);
            String source = fires ? null : name(rule.logsource());
            if (fires) {
                canFire++;
            } else {
                blindBySource.merge(source, 1, Integer::sum);
            }
            for (Attack.Technique t : Attack.get().resolve(rule.tags()).techniques()) {
                byTechnique.computeIfAbsent(t.id(), id -> new Tally(t.name())).count(source);
            }
        }
        List<RuleCoverage.Technique> techniques = byTechnique.entrySet().stream()
                .map(e -> new RuleCoverage.Technique(e.getKey(), e.getValue().name, e.getValue().reachable,
                        e.getValue().blind, List.copyOf(e.getValue().needs)))
                .toList();
        return new RuleCoverage(tenantId, now.truncatedTo(ChronoUnit.SECONDS), (int) window.toDays(), Attack.VERSION,
                enabled.size(), canFire, sent, techniques, blindBySource.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> new RuleCoverage.Need(e.getKey(), e.getValue())).toList());
    }

    /** One technique's rules: those that can fire, the blind ones and the logsources they wait for. */
    private static final class Tally {
        final String name;
        final Set<String> needs = new TreeSet<>();
        int reachable;
        int blind;

        Tally(String name) {
            this.name = name;
        }

        /** A rule naming the technique; {@code blindFor} the logsource it waits for, null when it can fire. */
        void count(String blindFor) {
            if (blindFor == null) {
                reachable++;
            } else {
                blind++;
                needs.add(blindFor);
            }
        }
    }

    /** A logsource as Sigma writes it: product/category, product/service, or whichever parts it names. */
    static String name(Logsource l) {
        return Stream.of(l.product(), l.category(), l.service()).filter(p -> p != null).collect(Collectors.joining("/"));
    }

    /** What changes the coverage: not when it was computed, nor when each kind was last seen. */
    private String digest(RuleCoverage c) {
        String text = json(new RuleCoverage(c.tenantId(), Instant.EPOCH, c.windowDays(), c.attackVersion(), c.enabledRules(),
                c.reachableRules(), c.eventKinds().stream().map(k -> new RuleCoverage.Kind(k.eventId(), k.channel(), Instant.EPOCH))
                        .toList(), c.techniques(), c.needs()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(RuleCoverage c) {
        try {
            return mapper.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the coverage of " + c.tenantId(), e);
        }
    }
}
