package io.vigil.platform.streams;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a stream consumer is paused because a dependency it needs is down; says which and why. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    private final StreamConsumers consumers;

    public ConsumersReadiness(StreamConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> paused = consumers.paused();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("stream-consumers").status(paused.isEmpty());
        paused.forEach(r::withData);
        return r.build();
    }
}
