package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events are enriched with the asset they concern, from the inventory tenant-service publishes. */
@QuarkusTest
class AssetEnrichmentTest {

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson",
                        ContentType.TEXT));
    }

    @Inject
    RedisDataSource redis;
    @Inject
    EventStreams streams;

    @Test
    void eventsOfAnInventoriedHostCarryItsAssetIdAndCriticality() throws Exception {
        UUID tenant = UUID.randomUUID();
        String dc = UUID.randomUUID().toString();
        String lab = UUID.randomUUID().toString();
        // What tenant-service publishes for the tenant's inventory.
        redis.hash(String.class).hset(ApiKeys.ASSETS + tenant, Map.of(
                "host:dc01", dc + "|CRITICAL|dc01", "host:dc01.ad.example", dc + "|CRITICAL|dc01",
                "net:10.20.5.0/24", lab + "|LOW|lab"));
        // And what its scanner imports found open on the DC that CISA lists as known exploited.
        redis.hash(String.class).hset(ApiKeys.ASSETS_EXPOSURE + tenant, Map.of(dc, "CVE-2020-1472,CVE-2021-42287"));
        redis.value(Long.class).incr(ApiKeys.ASSETS_VERSION + tenant);
        String token = Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(tenant)));
        String body = String.join("\n",
                "{\"EventID\": 4624, \"Channel\": \"Security\", \"Computer\": \"DC01.ad.example\"}",
                "{\"EventID\": 4624, \"Channel\": \"Security\", \"Computer\": \"dc01\"}",
                "{\"message\": \"lab box\", \"host.ip\": \"10.20.5.17\"}",
                "{\"EventID\": 4624, \"Channel\": \"Security\", \"Computer\": \"unknown-7\"}");
        given().auth().oauth2(token).contentType("application/x-ndjson").body(body).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(4));

        List<JsonNode> events = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange(streams.streamFor(tenant), StreamRange.of("-", "+"))) {
            if (tenant.toString().equals(m.payload().get("tenantId"))) {
                for (String line : m.payload().get("payload").split("\n")) {
                    events.add(mapper.readTree(line));
                }
            }
        }
        assertEquals(4, events.size());
        assertEquals(dc, events.get(0).path("host.asset.id").asText(), "FQDN of the asset");
        assertEquals("critical", events.get(0).path("host.asset.criticality").asText());
        assertEquals(dc, events.get(1).path("host.asset.id").asText(), "its host name");
        assertEquals("CVE-2020-1472,CVE-2021-42287", events.get(1).path("host.asset.known_exploited_cves").asText(),
                "the asset's open known-exploited CVEs ride along");
        assertNull(events.get(2).get("host.asset.known_exploited_cves"), "none on the lab network");
        assertEquals(lab, events.get(2).path("host.asset.id").asText(), "an address in its network");
        assertEquals("low", events.get(2).path("host.asset.criticality").asText());
        assertNull(events.get(3).get("host.asset.id"), "a host outside the inventory");
    }
}
