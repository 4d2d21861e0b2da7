package io.vigil.cases.alert;

import java.util.UUID;

/** The payload of an {@code alert.verdict} message ({@code openapi/events/alert.verdict.schema.json}). */
public record AlertVerdict(UUID alertId, String ruleId, Alert.Verdict verdict, Alert.Verdict previousVerdict,
        String closedBy) {

    public static final String TYPE = "alert.verdict";
    public static final int SCHEMA_VERSION = 1;
}
