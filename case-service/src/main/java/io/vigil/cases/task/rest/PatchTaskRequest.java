package io.vigil.cases.task.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Which patch tasks to add: for one CVE, on one of the case's hosts, or (both absent) one per known-exploited
 * or critical CVE open on the case's hosts.
 */
public record PatchTaskRequest(
        @Pattern(regexp = "(?i)CVE-\\d{4}-\\d{4,}", message = "must be a CVE id (CVE-YYYY-NNNN)") String cve,
        @Size(max = 255) String host) {
}
