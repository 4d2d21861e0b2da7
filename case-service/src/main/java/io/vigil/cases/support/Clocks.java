package io.vigil.cases.support;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The time case-service works to: the system's, unless a test supplies a clock it can move. */
@ApplicationScoped
public class Clocks {

    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
