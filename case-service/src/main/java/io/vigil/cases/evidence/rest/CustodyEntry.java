package io.vigil.cases.evidence.rest;

import java.time.Instant;

/** One link of the chain of custody: who touched the evidence, when, how, and the SHA-256 it had then. */
public record CustodyEntry(long seq, Instant at, String actor, String action, String sha256) {
}
