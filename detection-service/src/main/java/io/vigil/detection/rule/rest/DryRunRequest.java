package io.vigil.detection.rule.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A Sigma rule (YAML) to try, and pasted events (normalised JSON objects) to try it on. */
public record DryRunRequest(@NotBlank String rule, @NotNull @Size(max = 10_000) List<@NotNull JsonNode> events) {
}
