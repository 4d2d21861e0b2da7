package io.vigil.tenant.asset.importing;

import java.util.List;

/**
 * The outcome of an inventory import. Good rows are in (created, updated or already identical); each bad
 * row is listed with its line, field and reason and nothing of it was written. With {@code dryRun} nothing
 * was written at all.
 */
public record ImportReport(int rows, int created, int updated, int unchanged, int rejected, boolean dryRun,
        List<AssetRows.RowError> errors) {
}
