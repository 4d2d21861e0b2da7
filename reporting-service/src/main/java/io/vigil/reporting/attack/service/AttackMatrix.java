package io.vigil.reporting.attack.service;

import io.vigil.detection.engine.attack.Attack;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.reporting.attack.CoverageMessage;
import io.vigil.reporting.attack.rest.AttackResponse;
import io.vigil.reporting.casefacts.repository.CaseFactRepository;
import io.vigil.reporting.metrics.Period;
import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import io.vigil.reporting.tenantfacts.TenantFact;
import io.vigil.reporting.tenantfacts.repository.TenantFactRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The period's cases on the ATT&CK matrix: each technique a case names, under every tactic ATT&CK gives it, and
 * each tactic the case names on its own (Sigma's {@code attack.credential-access} tags), from the shipped
 * ATT&CK tables (detection-engine's, with MITRE's notice). Beside them, the tenant's coverage as detection-service
 * last announced it: per tactic the techniques its enabled rules watch with the events it sends, those only blind
 * rules name, and the gaps no enabled rule names.
 */
@ApplicationScoped
public class AttackMatrix {

    static final int CASES_NAMED = 20;

    private final CaseFactRepository cases;
    private final TenantFactRepository tenants;
    private final CurrentTenant current;
    private final Clock clock;
    private final CoverageFacts coverageFacts;

    public AttackMatrix(CaseFactRepository cases, TenantFactRepository tenants, CurrentTenant current, Clock clock,
            CoverageFacts coverageFacts) {
        this.coverageFacts = coverageFacts;
        this.cases = cases;
        this.tenants = tenants;
        this.current = current;
        this.clock = clock;
    }

    @Transactional
    public AttackResponse matrix(UUID tenantId, String month, String from, String to) {
        current.requireVisible(tenantId);
        Period p = Period.of(month, from, to, TenantFact.zoneOf(tenants.findById(tenantId)), clock.instant());
        // One row per distinct (techniques, tactics) of the period's cases: few (a rule's tags), however many cases.
        @SuppressWarnings("unchecked")
        List<Object[]> combos = cases.getEntityManager().createNativeQuery("select array_to_string(techniques, ','),"
                + " array_to_string(tactics, ','), count(*), array_to_string((array_agg(number order by number))[1:"
                + CASES_NAMED + "], ',') from case_facts where tenant_id = ?1 and created_at >= ?2 and created_at < ?3"
                + " group by techniques, tactics").setParameter(1, tenantId).setParameter(2, p.from()).setParameter(3, p.to())
                .getResultList();
        Attack attack = Attack.get();
        Map<String, String> nameByShort = new LinkedHashMap<>();
        attack.tactics().forEach(t -> nameByShort.put(t.shortName(), t.name()));
        Map<String, Long> casesByTactic = new LinkedHashMap<>();
        Map<String, Map<String, Long>> cellCounts = new LinkedHashMap<>(); // tactic name -> technique id -> cases
        Map<String, Map<String, TreeSet<Long>>> cellNumbers = new LinkedHashMap<>();
        Map<String, String> techniqueNames = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        long total = 0;
        for (Object[] row : combos) {
            long n = ((Number) row[2]).longValue();
            total += n;
            List<Long> numbers = split((String) row[3]).stream().map(Long::parseLong).toList();
            Set<String> reached = new TreeSet<>();
            for (String id : split((String) row[0])) {
                Attack.Technique t = attack.technique(id);
                if (t == null) {
                    unknown.add(id.toUpperCase(Locale.ROOT));
                    continue;
                }
                techniqueNames.put(t.id(), t.name());
                for (String tactic : t.tactics()) {
                    reached.add(tactic);
                    cellCounts.computeIfAbsent(tactic, k -> new TreeMap<>()).merge(t.id(), n, Long::sum);
                    cellNumbers.computeIfAbsent(tactic, k -> new TreeMap<>()).computeIfAbsent(t.id(), k -> new TreeSet<>())
                            .addAll(numbers);
                }
            }
            for (String shortName : split((String) row[1])) {
                String name = nameByShort.get(shortName.toLowerCase(Locale.ROOT).replace('_', '-'));
                if (name != null) {
                    reached.add(name);
                }
            }
            reached.forEach(tactic -> casesByTactic.merge(tactic, n, Long::sum));
        }
        CoverageMessage coverage = coverageFacts.latest(tenantId);
        Map<String, CoverageMessage.Technique> watched = new HashMap<>();
        if (coverage != null) {
            coverage.techniques().forEach(t -> watched.put(t.id(), t));
        }
        // A technique counts as watched when a rule names it or one of its sub-techniques.
        Set<String> watchedParents = new HashSet<>();
        Set<String> namedParents = new HashSet<>();
        watched.values().forEach(w -> {
            String parent = w.id().contains(".") ? w.id().substring(0, w.id().indexOf('.')) : w.id();
            namedParents.add(parent);
            if (w.reachableRules() > 0) {
                watchedParents.add(parent);
            }
        });
        List<AttackResponse.Column> columns = new ArrayList<>();
        for (Attack.Tactic t : attack.tactics()) {
            List<AttackResponse.Cell> row = new ArrayList<>();
            cellCounts.getOrDefault(t.name(), Map.of()).forEach((id, n) -> row.add(new AttackResponse.Cell(id,
                    techniqueNames.get(id), n, cellNumbers.get(t.name()).get(id).stream().limit(CASES_NAMED).toList())));
            row.sort((x, y) -> Long.compare(y.cases(), x.cases()));
            List<AttackResponse.Covered> covered = new ArrayList<>();
            List<AttackResponse.Blind> blind = new ArrayList<>();
            List<AttackResponse.Gap> gaps = new ArrayList<>();
            int inTactic = 0;
            int coveredHere = 0;
            for (Attack.Technique tech : attack.techniques()) {
                if (!tech.tactics().contains(t.name())) {
                    continue;
                }
                CoverageMessage.Technique w = watched.get(tech.id());
                if (w != null && w.reachableRules() > 0) {
                    covered.add(new AttackResponse.Covered(tech.id(), tech.name(), w.reachableRules()));
                } else if (w != null && w.blindRules() > 0) {
                    blind.add(new AttackResponse.Blind(tech.id(), tech.name(), w.blindRules(), w.needs()));
                }
                if (tech.id().contains(".")) {
                    continue;
                }
                inTactic++;
                coveredHere += watchedParents.contains(tech.id()) ? 1 : 0;
                if (coverage != null && !namedParents.contains(tech.id())) {
                    gaps.add(new AttackResponse.Gap(tech.id(), tech.name()));
                }
            }
            covered.sort((x, y) -> Integer.compare(y.rules(), x.rules()));
            columns.add(new AttackResponse.Column(t.id(), t.shortName(), t.name(),
                    casesByTactic.getOrDefault(t.name(), 0L), row, inTactic, coverage == null ? 0 : coveredHere,
                    covered, blind, gaps));
        }
        AttackResponse.Coverage summary = null;
        if (coverage != null) {
            long distinctParents = attack.techniques().stream().filter(x -> !x.id().contains(".")).count();
            long coveredParents = attack.techniques().stream().filter(x -> watchedParents.contains(x.id())).count();
            summary = new AttackResponse.Coverage(coverage.computedAt(), coverage.windowDays(), coverage.enabledRules(),
                    coverage.reachableRules(), coverage.eventKinds().size(), (int) distinctParents, (int) coveredParents,
                    coverage.needs().stream().map(n -> new AttackResponse.Need(n.logsource(), n.rules())).toList());
        }
        return new AttackResponse(tenantId, PeriodResponse.of(p),
                Attack.VERSION, total, columns, List.copyOf(unknown), summary);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
