package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.verdict.service.VerdictCounts;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamConsumer;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verdicts from case-service become per-rule, per-tenant counts and false-positive rates for tuning. */
@QuarkusTest
class VerdictTest {

    static final String RULE = "7c3a5b1d-9e2f-4a8c-b5d7-1e0f3c6a9b2d";

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    VerdictCounts counts;

    @Test
    void verdictsAreCountedOncePerChangeAndOnlyShownToTheirTenants() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String stream = "test.verdicts." + UUID.randomUUID();
        Envelope first = verdict(a, "FALSE_POSITIVE", null);
        publisher.publish(stream, first);
        publisher.publish(stream, first); // redelivered: counted once
        publisher.publish(stream, verdict(a, "FALSE_POSITIVE", null));
        publisher.publish(stream, verdict(a, "TRUE_POSITIVE", null));
        publisher.publish(stream, verdict(a, "TRUE_POSITIVE", "FALSE_POSITIVE")); // an analyst changed their mind
        publisher.publish(stream, verdict(b, "BENIGN_POSITIVE", null));
        StreamConsumer consumer = consumers.create(stream, "verdicts-it", "one", counts);
        int handled = 0;
        int n;
        while ((n = consumer.pollOnce()) > 0) {
            handled += n;
        }
        assertEquals(6, handled);

        String analystA = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(analystA).get("/api/v1/tenants/" + a + "/rule-verdicts").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].ruleId", equalTo(RULE))
                .body("[0].falsePositives", equalTo(1))
                .body("[0].truePositives", equalTo(2))
                .body("[0].benignPositives", equalTo(0))
                .body("[0].falsePositiveRate", equalTo(0.333f));
        given().auth().oauth2(analystA).get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200)
                .body("tenantId", equalTo(List.of(a.toString())));
        given().auth().oauth2(analystA).get("/api/v1/tenants/" + b + "/rule-verdicts").then().statusCode(404);
        String both = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(a), Keycloak.tenantGroup(b)));
        given().auth().oauth2(both).get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200)
                .body("size()", equalTo(2)).body("find { it.tenantId == '" + b + "' }.benignPositives", equalTo(1));
    }

    private static Envelope verdict(UUID tenant, String verdict, String previous) {
        return new Envelope(tenant, UUID.randomUUID(), "alert.verdict", 1, Instant.now(),
                "{\"alertId\":\"" + UUID.randomUUID() + "\",\"ruleId\":\"" + RULE + "\",\"verdict\":\"" + verdict
                        + "\",\"previousVerdict\":" + (previous == null ? "null" : "\"" + previous + "\"") + "}");
    }
}
