package io.vigil.detection.pipeline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vigil.detection.engine.event.MapEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An alert names what an analyst pivots on, the asset's open known-exploited CVEs among them. */
class EntitiesTest {

    @Test
    void theAssetsKnownExploitedCvesFromTheGatewaysEnrichmentAreAnEntity() {
        Map<String, String> e = AlertFactory.entities(new MapEvent(Map.of("Computer", "adam.ad.demo.io", "User", "CORP\\adam",
                "host.asset.id", "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", "host.asset.criticality", "high",
                "host.asset.known_exploited_cves", "CVE-2017-11882,CVE-2018-8174")));
        assertEquals("adam.ad.demo.io", e.get("host"));
        assertEquals("high", e.get("assetCriticality"));
        assertEquals("CVE-2017-11882,CVE-2018-8174", e.get("knownExploitedCves"));
        assertFalse(AlertFactory.entities(new MapEvent(Map.of("Computer", "lab-1"))).containsKey("knownExploitedCves"),
                "no scan, no entity");
    }
}
