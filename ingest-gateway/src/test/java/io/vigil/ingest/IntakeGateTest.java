package io.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.ingest.intake.service.IntakeGate;
import io.vigil.platform.errors.ProblemException;
import org.junit.jupiter.api.Test;

/** The gateway sheds batches past its bound with a 503 the client retries, and takes them again after. */
class IntakeGateTest {

    @Test
    void aBatchPastTheBoundIsRefusedAtOnceAndTheNextOneIsTaken() {
        IntakeGate gate = new IntakeGate(1);
        ProblemException refused = assertThrows(ProblemException.ServiceUnavailable.class,
                () -> gate.through(() -> gate.through(() -> "second batch while the first is in work")));
        assertTrue(refused.getMessage().contains("retry shortly"), refused.getMessage());
        assertEquals("taken", gate.through(() -> "taken"), "the permit came back when the first batch ended");
    }
}
