package io.vigil.detection.pipeline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void assetCriticalityRaisesOrLowersTheRulesLevel() {
        assertEquals("HIGH", Severity.of("high", null), "unknown asset: the rule's level");
        assertEquals("CRITICAL", Severity.of("high", "critical"));
        assertEquals("CRITICAL", Severity.of("high", "HIGH"));
        assertEquals("MEDIUM", Severity.of("high", "low"));
        assertEquals("HIGH", Severity.of("medium", "critical"));
        assertEquals("INFORMATIONAL", Severity.of("low", "low"));
        assertEquals("HIGH", Severity.of("critical", "low"), "a critical rule never drops below high");
        assertEquals("MEDIUM", Severity.of(null, "medium"));
    }
}
