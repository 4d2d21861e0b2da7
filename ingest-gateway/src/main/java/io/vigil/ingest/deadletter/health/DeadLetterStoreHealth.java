package io.vigil.ingest.deadletter.health;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether lines that cannot be parsed can be kept right now (PostgreSQL). Not part of readiness: ingestion
 * of clean batches goes on without it. {@code /q/health/group/dead-letters}.
 */
@HealthGroup("dead-letters")
@ApplicationScoped
public class DeadLetterStoreHealth implements HealthCheck {

    private final AgroalDataSource db;

    public DeadLetterStoreHealth(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = db.getConnection()) {
            return HealthCheckResponse.named("dead-letter store").status(c.isValid(2)).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("dead-letter store").down().withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
