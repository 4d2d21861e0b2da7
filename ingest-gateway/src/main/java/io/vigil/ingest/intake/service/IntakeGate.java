package io.vigil.ingest.intake.service;

import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the batches the gateway works on at once. Past the bound a client gets 503 with Retry-After at
 * once, instead of every batch waiting in memory until the gateway runs out of heap (as it did when a
 * benchmark sent twice what the machine could take).
 */
@ApplicationScoped
public class IntakeGate {

    private final Semaphore permits;
    private final int max;

    public IntakeGate(@ConfigProperty(name = "vigil.ingest.max-concurrent-batches", defaultValue = "64") int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    public <T> T through(Supplier<T> work) {
        if (!permits.tryAcquire()) {
            throw new ProblemException.ServiceUnavailable("the gateway is working on " + max
                    + " batches already: retry shortly", 1);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
