package io.vigil.reporting.support;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The time reporting works to: the system's, unless a test supplies one. */
@ApplicationScoped
public class Clocks {

    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
