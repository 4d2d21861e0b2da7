package io.vigil.detection.pipeline;

import io.vigil.detection.rule.service.RuleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready to detect only once the rule catalog is loaded and the event consumers run on it. */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    private final RuleCatalog catalog;
    private final EventConsumers consumers;

    public PipelineReadiness(RuleCatalog catalog, EventConsumers consumers) {
        this.catalog = catalog;
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("detection-pipeline")
                .status(catalog.loaded() && consumers.started())
                .withData("ruleCatalogLoaded", catalog.loaded())
                .withData("consumersStarted", consumers.started())
                .withData("rules", catalog.current().versions().size())
                .build();
    }
}
