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
import io.vigil.platform.testing.EventContracts;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.SchemaCheckedPublishing;
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
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

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
                .body("items.size()", equalTo(1))
                .body("items[0].ruleId", equalTo(RULE))
                .body("items[0].falsePositives", equalTo(1))
                .body("items[0].truePositives", equalTo(2))
                .body("items[0].benignPositives", equalTo(0))
                .body("items[0].falsePositiveRate", equalTo(0.333f));
        given().auth().oauth2(analystA).get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200)
                .body("items.tenantId", equalTo(List.of(a.toString())));
        given().auth().oauth2(analystA).get("/api/v1/tenants/" + b + "/rule-verdicts").then().statusCode(404);
        String both = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(a), Keycloak.tenantGroup(b)));
        given().auth().oauth2(both).get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.find { it.tenantId == '" + b + "' }.benignPositives", equalTo(1));
        // Pages of one: both tenants' counts, each once, then no further page.
        var page1 = given().auth().oauth2(both).queryParam("limit", 1).get("/api/v1/rules/" + RULE + "/verdicts").then()
                .statusCode(200).body("items.size()", equalTo(1)).extract().jsonPath();
        var second = given().auth().oauth2(both).queryParam("limit", 1).queryParam("cursor", page1.getString("nextCursor"))
                .get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200).body("items.size()", equalTo(1))
                .body("nextCursor", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
        assertEquals(java.util.Set.of(a.toString(), b.toString()), java.util.Set.of(page1.getString("items[0].tenantId"),
                second.getString("items[0].tenantId")));
        given().auth().oauth2(both).queryParam("cursor", "garbage").get("/api/v1/rules/" + RULE + "/verdicts").then()
                .statusCode(400);
    }

    /** The published example counts; the same message in a schemaVersion detection does not read is set aside. */
    @Test
    void theSchemaExampleIsCountedAndAnUnknownSchemaVersionIsDeadLetteredWithTheReason() {
        UUID tenant = UUID.randomUUID();
        String stream = "test.verdicts." + UUID.randomUUID();
        String example = EventContracts.examples("alert.verdict").get(0).toString();
        publisher.publish(stream, new Envelope(tenant, UUID.randomUUID(), "alert.verdict", 1, Instant.now(), example));
        Envelope future = new Envelope(tenant, UUID.randomUUID(), "alert.verdict", 2, Instant.now(), example);
        SchemaCheckedPublishing.unchecked(() -> publisher.publish(stream, future)); // a producer ahead of this reader
        publisher.publish(stream, new Envelope(tenant, UUID.randomUUID(), "alert.verdict", 1, Instant.now(), example));
        StreamConsumer consumer = consumers.create(stream, "verdicts-contract", "one", counts);
        int handled = 0;
        int n;
        while ((n = consumer.pollOnce()) > 0) {
            handled += n;
        }
        assertEquals(2, handled, "the two version-1 messages");

        String rule = EventContracts.examples("alert.verdict").get(0).path("ruleId").asText();
        String analyst = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(analyst).get("/api/v1/tenants/" + tenant + "/rule-verdicts").then().statusCode(200)
                .body("items[0].ruleId", equalTo(rule))
                .body("items[0].falsePositives", equalTo(2));
        var dead = redis.stream(String.class, String.class, String.class)
                .xrange(StreamConsumer.deadLetterStream(stream), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(1, dead.size());
        assertEquals(future.id().toString(), dead.get(0).payload().get("id"));
        assertEquals("alert.verdict schemaVersion 2 is not one this consumer reads ([1])",
                dead.get(0).payload().get("deadReason"));
    }

    /** A review's follow-up of the rule is listed beside its counts while open; the latest message of it wins. */
    @Test
    void reviewFollowUpsStandBesideTheRulesVerdictsWhileOpen() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String stream = "test.verdicts." + UUID.randomUUID();
        com.fasterxml.jackson.databind.node.ObjectNode f = (com.fasterxml.jackson.databind.node.ObjectNode)
                EventContracts.examples("rule.follow-up").get(0).deepCopy();
        String id = UUID.randomUUID().toString();
        f.put("followUpId", id).put("ruleId", RULE).put("title", "Also match procdump under another name")
                .put("updatedAt", "2026-12-01T10:00:00Z");
        publisher.publish(stream, verdict(tenant, "TRUE_POSITIVE", null));
        publisher.publish(stream, new Envelope(tenant, UUID.randomUUID(), "rule.follow-up", 1, Instant.now(), f.toString()));
        // Another tenant's follow-up of the same rule stays with that tenant.
        com.fasterxml.jackson.databind.node.ObjectNode theirs = f.deepCopy().put("followUpId", UUID.randomUUID().toString());
        publisher.publish(stream, new Envelope(other, UUID.randomUUID(), "rule.follow-up", 1, Instant.now(), theirs.toString()));
        // A stale message (older updatedAt) arriving late changes nothing.
        com.fasterxml.jackson.databind.node.ObjectNode stale = f.deepCopy().put("title", "stale").put("updatedAt", "2026-11-30T10:00:00Z");
        publisher.publish(stream, new Envelope(tenant, UUID.randomUUID(), "rule.follow-up", 1, Instant.now(), stale.toString()));
        StreamConsumer consumer = consumers.create(stream, "verdicts-follow-ups", "one", counts);
        while (consumer.pollOnce() > 0) {
            // drain
        }
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(engineer).get("/api/v1/rules/" + RULE + "/verdicts").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].truePositives", equalTo(1))
                .body("items[0].openFollowUps.size()", equalTo(1))
                .body("items[0].openFollowUps[0].title", equalTo("Also match procdump under another name"))
                .body("items[0].openFollowUps[0].owner", equalTo("detection-engineering"))
                .body("items[0].openFollowUps[0].caseNumber", equalTo(42));

        // Done: no longer open beside the counts.
        f.put("status", "DONE").put("updatedAt", "2026-12-02T10:00:00Z");
        publisher.publish(stream, new Envelope(tenant, UUID.randomUUID(), "rule.follow-up", 1, Instant.now(), f.toString()));
        while (consumer.pollOnce() > 0) {
            // drain
        }
        given().auth().oauth2(engineer).get("/api/v1/tenants/" + tenant + "/rule-verdicts").then().statusCode(200)
                .body("items[0].openFollowUps.size()", equalTo(0));
        String theirEngineer = Keycloak.userToken(List.of("soc-tier3"), List.of(Keycloak.tenantGroup(other)));
        given().auth().oauth2(theirEngineer).get("/api/v1/tenants/" + other + "/rule-verdicts").then().statusCode(200)
                .body("items[0].truePositives", equalTo(0)).body("items[0].openFollowUps.size()", equalTo(1));
    }

    private static Envelope verdict(UUID tenant, String verdict, String previous) {
        return new Envelope(tenant, UUID.randomUUID(), "alert.verdict", 1, Instant.now(),
                "{\"alertId\":\"" + UUID.randomUUID() + "\",\"ruleId\":\"" + RULE + "\",\"verdict\":\"" + verdict
                        + "\",\"previousVerdict\":" + (previous == null ? "null" : "\"" + previous + "\"")
                        + ",\"closedBy\":\"tier1.analyst\"}");
    }
}
