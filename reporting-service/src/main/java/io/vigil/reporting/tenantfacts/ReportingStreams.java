package io.vigil.reporting.tenantfacts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The streams reporting-service reads; their contracts are in {@code openapi/asyncapi.yaml}. */
@ConfigMapping(prefix = "vigil.streams.names")
public interface ReportingStreams {

    /** tenant-service's changes, read in group {@code reporting}. */
    @WithDefault("tenant.events")
    String tenantEvents();

    /** case-service's changes of cases and clocks, read in group {@code reporting}. */
    @WithDefault("case.events")
    String caseEvents();

    /** detection-service's announcements (each tenant's ATT&CK coverage), read in group {@code reporting}. */
    @WithDefault("detection.events")
    String detectionEvents();
}
