package io.vigil.detection.baseline.service;

import io.vigil.detection.baseline.repository.BaselineRepository;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.engine.baseline.Observations;
import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.pipeline.alert.AlertFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Learns each tenant's normal behaviour from its events, in the transaction that stores them: first-seen
 * facts (a user's logon sources, processes and parent-child pairs per host, admin tools) and events per
 * host and user per hour (counted in memory and written every few seconds by {@link VolumeCounter}). A fact first seen after the learning period raises an alert, once: the row
 * insert decides, so concurrent consumers and redeliveries cannot raise it twice.
 */
@ApplicationScoped
public class Baselines {

    /** An event just stored, as detection saw it. */
    public record Observed(UUID eventId, Instant ts, MapEvent event) {
    }

    private static final int KNOWN_FACTS = 200_000;

    private final BaselineRepository store;
    private final BaselineSettingsStore settings;
    private final AlertFactory alerts;
    private final VolumeCounter volumes;
    /** Facts known to be stored already (committed), so most events cost no statement for them. */
    private final Set<String> known = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KNOWN_FACTS;
                }
            }));

    public Baselines(BaselineRepository store, BaselineSettingsStore settings, AlertFactory alerts, VolumeCounter volumes) {
        this.store = store;
        this.volumes = volumes;
        this.settings = settings;
        this.alerts = alerts;
    }

    /** Learns from the events of one stream entry (one tenant); returns how many first-seen alerts it raised. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int observe(UUID tenantId, List<Observed> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Instant earliest = events.stream().map(Observed::ts).min(Instant::compareTo).orElseThrow();
        BaselineSettingsStore.Settings s = settings.forEvents(tenantId, earliest);
        if (!s.enabled()) {
            return 0;
        }
        countVolume(tenantId, events);
        return firstSeen(tenantId, events, s);
    }

    /** Facts in one order (kind, entity, value), so concurrent inserts lock their rows in one order. */
    private static final Comparator<Observation> ORDER = Comparator.comparing((Observation o) -> o.kind().id())
            .thenComparing(Observation::entity).thenComparing(Observation::value);

    private int firstSeen(UUID tenantId, List<Observed> events, BaselineSettingsStore.Settings s) {
        // The first event of each fact not known to be stored.
        TreeMap<Observation, Observed> candidates = new TreeMap<>(ORDER);
        for (Observed o : events) {
            for (Observation fact : Observations.of(o.event())) {
                if (!known.contains(tenantId + "|" + fact) && !candidates.containsKey(fact)) {
                    candidates.put(fact, o);
                }
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        List<Observation> facts = new ArrayList<>(candidates.keySet());
        Set<Observation> inserted = store.insertSeen(tenantId, facts,
                facts.stream().map(f -> candidates.get(f).ts()).toList());
        int raised = 0;
        Instant until = s.learningUntil();
        for (Observation fact : facts) {
            Observed o = candidates.get(fact);
            if (!inserted.contains(fact)) {
                known.add(tenantId + "|" + fact); // stored by an earlier, committed transaction
            } else if (until != null && !o.ts().isBefore(until) && s.kinds().contains(fact.kind())) {
                alerts.firstSeen(tenantId, o.eventId(), o.ts(), o.event(), fact, s.learningSince());
                raised++;
            }
        }
        return raised;
    }

    private void countVolume(UUID tenantId, List<Observed> events) {
        for (Observed o : events) {
            Instant hour = o.ts().truncatedTo(ChronoUnit.HOURS);
            String host = Observations.host(o.event());
            if (host != null) {
                volumes.add(tenantId, "host", host, hour);
            }
            String user = Observations.user(o.event());
            if (user != null) {
                volumes.add(tenantId, "user", user, hour);
            }
        }
    }
}
