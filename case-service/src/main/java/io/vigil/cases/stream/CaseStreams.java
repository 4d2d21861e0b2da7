package io.vigil.cases.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The streams case-service reads and writes; their contracts are in {@code openapi/asyncapi.yaml}. */
@ConfigMapping(prefix = "vigil.streams.names")
public interface CaseStreams {

    /** Detection's alerts ({@code alert.raised}), read in group {@code cases}. */
    @WithDefault("alerts")
    String alerts();

    /** Where verdicts on alerts go ({@code alert.verdict}), for detection's tuning counts. */
    @WithDefault("alert-verdicts")
    String alertVerdicts();

    /** tenant-service's changes ({@code tenant.*}), read in group {@code cases} for profiles and SLA targets. */
    @WithDefault("tenant.events")
    String tenantEvents();

    /** Every change of a case ({@code case.*}), through the outbox. */
    @WithDefault("case.events")
    String caseEvents();
}
