package io.vigil.reporting.workload.rest;

import io.vigil.reporting.metrics.rest.MetricsResponse.PeriodResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Workload", description = "Who carries the SOC's load over the caller's tenants: the cases opened in the"
        + " period by analyst, tier and shift, and each client's nights and weekends")
public record WorkloadResponse(PeriodResponse period,
        @Schema(description = "Per assignee now (null: unassigned), most cases first") List<Analyst> analysts,
        @Schema(description = "Per tier the case is at now") List<Tier> tiers,
        @Schema(description = "Per shift of the provider's day (vigil.reporting.shifts, in vigil.reporting.provider-zone)")
        List<Shift> shifts,
        @Schema(description = "Per client, on its own calendar: cases opened at night (20:00-08:00 on weekdays) and at"
                + " the weekend, the most off-hours load first") List<Client> clients) {

    public record Analyst(String assignee, long cases, long open, long closed, long critical, long tier1, long tier2,
            long tier3) {
    }

    public record Tier(int tier, long cases, long open, long critical) {
    }

    public record Shift(String name, String hours, String zone, long cases, long critical) {
    }

    public record Client(UUID tenantId, String name, String socModel, String timeZone, long cases, long nights,
            long weekends, @Schema(description = "(nights + weekends) / cases") Double offHoursShare) {
    }
}
