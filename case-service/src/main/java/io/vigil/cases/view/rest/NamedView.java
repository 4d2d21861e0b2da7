package io.vigil.cases.view.rest;

import java.time.Instant;

/** One of the caller's saved views. */
public record NamedView(String name, SavedView view, Instant updatedAt) {
}
