package io.vigil.detection.pipeline.gate;

import io.vigil.detection.engine.correlation.CorrelationEngine;
import io.vigil.detection.pipeline.alert.AlertFactory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds every match to the Sigma correlations that use its rule (raising their alerts when they fire), and
 * stops the match when its rule is only a correlation's input ({@code generate: false}).
 */
@ApplicationScoped
public class CorrelationGate implements Gate {

    private final AlertFactory alerts;

    public CorrelationGate(AlertFactory alerts) {
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "correlations";
    }

    @Override
    public boolean admit(Match m) {
        for (CorrelationEngine.Hit h : m.catalog().correlations().onMatch(m.tenantId().toString(), m.rule(), m.event(),
                m.eventTime())) {
            alerts.correlation(m.tenantId(), h, m.catalog().versions().getOrDefault(h.rule().id(), 0), m.eventTime());
        }
        return !m.catalog().correlations().silences(m.rule());
    }
}
