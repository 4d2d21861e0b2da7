package io.vigil.cases.grouping.rest;

import io.vigil.cases.grouping.GroupingRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How to group a rule's alerts: {@code matching} ENTITIES (by {@code entities}, within the rule unless
 * {@code acrossRules}), RULE or NONE; the lookback window in minutes (5 to 43,200, 30 days); whether an
 * alert reopens a closed case of its group within the window.
 */
public record GroupingRequest(@NotNull GroupingRule.Matching matching,
        @Size(max = 8) List<@Pattern(regexp = "host|user|sourceIp|destinationIp|process|commandLine|fileHash|domain|url|assetId",
                message = "must be host, user, sourceIp, destinationIp, process, commandLine, fileHash, domain, url or assetId") String> entities,
        Boolean acrossRules, @NotNull @Min(5) @Max(43_200) Integer lookbackMinutes, Boolean reopenClosed) {
}
