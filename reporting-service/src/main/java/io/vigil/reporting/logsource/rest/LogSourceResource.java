package io.vigil.reporting.logsource.rest;

import io.quarkus.security.Authenticated;
import io.vigil.reporting.logsource.service.LogSources;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/tenants/{tenantId}/log-sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@Authenticated
public class LogSourceResource {

    private final LogSources sources;

    public LogSourceResource(LogSources sources) {
        this.sources = sources;
    }

    @GET
    @Operation(operationId = "getLogSourceHealth", summary = "The tenant's log sources: health now (silent ones named)"
            + " and each one's silences in the period, their minutes and the longest")
    public LogSourcesResponse list(@PathParam("tenantId") UUID tenantId,
            @Parameter(description = "A calendar month in the tenant's time zone, YYYY-MM (default: this month so far)")
            @QueryParam("month") String month,
            @Parameter(description = "Start of the period (ISO-8601 instant), with to") @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded") @QueryParam("to") String to) {
        return sources.of(tenantId, month, from, to);
    }
}
