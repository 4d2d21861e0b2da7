package io.vigil.tenant.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The stream tenant-service publishes to; its contract is in {@code openapi/asyncapi.yaml}. */
@ConfigMapping(prefix = "vigil.streams.names")
public interface TenantStreams {

    /** Every change to preparation data, {@code tenant.*}, through the outbox. */
    @WithDefault("tenant.events")
    String tenantEvents();
}
