package io.vigil.cases.observable.rest;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import java.util.List;
import java.util.UUID;

/** Another case of the same tenant that shares observables with this one. */
public record RelatedCase(UUID id, long number, String title, Case.Status status, Alert.Severity severity,
        List<SharedObservable> shared) {

    public record SharedObservable(String type, String value) {
    }
}
