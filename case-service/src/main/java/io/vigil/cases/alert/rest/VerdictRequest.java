package io.vigil.cases.alert.rest;

import io.vigil.cases.alert.Alert;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An analyst's verdict on an alert, which closes it; the note says why (kept with the alert). */
public record VerdictRequest(@NotNull Alert.Verdict verdict, @Size(max = 4000) String note) {
}
