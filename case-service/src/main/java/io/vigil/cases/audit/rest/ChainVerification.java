package io.vigil.cases.audit.rest;

import java.util.UUID;

/** The result of recomputing a tenant's audit chain: intact, or the first row that does not hold and why. */
public record ChainVerification(UUID tenantId, long rows, boolean intact, Long firstBrokenSeq, String problem) {
}
