package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/integration.md as a client's integrator would run it: every {@code sh} block of the guide, in order, as
 * one bash script with curl and jq, against the running stack through the gateway. Then what the guide
 * promises is checked from outside: the batch sent twice under one Idempotency-Key is stored once.
 */
class IntegrationGuideIT {

    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    @Test
    void everyExampleOfTheIntegrationGuideRunsAsWritten() throws Exception {
        Stack.Client client = Stack.onboard("Integration Guide Co");
        String group = Keycloak.tenantGroup(UUID.fromString(client.id()));
        String admin = Keycloak.userToken(List.of("customer-admin"), List.of(group));

        String guide = Files.readString(VigilInfra.root().resolve("docs/integration.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(guide);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 8, "the guide's examples: " + blocks.size());
        Path dir = Files.createTempDirectory("vigil-integration-guide");
        Path script = dir.resolve("guide.sh");
        Files.writeString(script, "set -euo pipefail\ncd '" + dir + "'\n" + String.join("\n", blocks));

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("VIGIL_URL", Stack.GATEWAY);
        env.put("VIGIL_OIDC_URL", Keycloak.baseUrl() + "/realms/" + Keycloak.REALM);
        env.put("VIGIL_TENANT", client.id());
        env.put("VIGIL_API_KEY", client.key());
        env.put("VIGIL_ADMIN_TOKEN", admin);
        Process p = pb.start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "the guide's script did not finish in 2 minutes:\n" + out);
        assertEquals(0, p.exitValue(), "the guide's script failed:\n" + out);
        assertTrue(out.contains("service account: "), out);
        assertTrue(out.contains("its two events are kept once"), out);
        assertTrue(out.contains("measure,severity,cases,measured,median_minutes,p90_minutes,target_minutes"), out);
        assertTrue(out.contains("400 month must be YYYY-MM"), out);

        // The batch went twice under one key: each of its events is stored once.
        String analyst = Keycloak.userToken(List.of("customer-analyst"), List.of(group));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int found = 0;
        while (Instant.now().isBefore(deadline)) {
            found = given().auth().oauth2(analyst).queryParam("tenantId", client.id())
                    .queryParam("contains", "CommandLine:whoami /all").queryParam("from", Instant.now().minusSeconds(3600).toString())
                    .get(Stack.GATEWAY + "/api/v1/events").then().statusCode(200).extract().jsonPath().getList("items").size();
            if (found >= 1) {
                break;
            }
            Thread.sleep(300);
        }
        Thread.sleep(2_000); // a second copy, if any, would be stored by now
        found = given().auth().oauth2(analyst).queryParam("tenantId", client.id())
                .queryParam("contains", "CommandLine:whoami /all").queryParam("from", Instant.now().minusSeconds(3600).toString())
                .get(Stack.GATEWAY + "/api/v1/events").then().statusCode(200).extract().jsonPath().getList("items").size();
        assertEquals(1, found, "the whoami event, sent in a batch retried under one Idempotency-Key");
    }
}
