package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.tenancy.ApiKeys;
import io.vigil.tenant.logsource.service.LogSourceService;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.TenantContext;
import io.quarkus.arc.Arc;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The preparation data of a client: contacts, escalation, SLA, pre-approvals, sources, keys, audit. */
@QuarkusTest
class PreparationApiTest {

    @Inject
    RedisDataSource redis;
    @Inject
    DataSource db;
    @Inject
    LogSourceService logSources;

    private static Map<String, Object> contact(String name, String email) {
        return Map.of("name", name, "role", "CISO", "email", email);
    }

    @Test
    void escalationMatrixNamesOnlyTheTenantsContactsInOrder() {
        UUID t = Fixtures.tenant("esc");
        UUID other = Fixtures.tenant("esc-other");
        String admin = Fixtures.member("customer-admin", t);
        String ciso = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(contact("Cleo Ciso", "cleo@client.example")).post("/api/v1/tenants/" + t + "/contacts")
                .then().statusCode(201).extract().path("id");
        String oncall = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "IT on call", "phone", "+33 1 23 45 67 89"))
                .post("/api/v1/tenants/" + t + "/contacts").then().statusCode(201).extract().path("id");
        String foreign = given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON)
                .body(contact("Someone Else", "else@other.example")).post("/api/v1/tenants/" + other + "/contacts")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Nobody"))
                .post("/api/v1/tenants/" + t + "/contacts").then().statusCode(422)
                .body("errors[0].field", equalTo("email"));

        Map<String, Object> matrix = Map.of("steps", Map.of(
                "CRITICAL", List.of(step(oncall, 0, "PHONE"), step(ciso, 15, "EMAIL")),
                "HIGH", List.of(step(ciso, 30, "EMAIL"))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(matrix)
                .put("/api/v1/tenants/" + t + "/escalation").then().statusCode(200)
                .body("steps.CRITICAL.contactId", equalTo(List.of(oncall, ciso)))
                .body("steps.CRITICAL.afterMinutes", equalTo(List.of(0, 15)));

        // A webhook contact: a public address only; each step's channel must be one its contact has.
        for (String internal : List.of("http://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook",
                "http://[::1]:8080/x", "http://localhost/hook")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "SOAR", "webhookUrl", internal))
                    .post("/api/v1/tenants/" + t + "/contacts").then().statusCode(422)
                    .body("errors[0].field", equalTo("webhookUrl")).body("detail", containsString("internal address"));
        }
        String soar = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "SOAR", "webhookUrl", "https://203.0.113.10/hooks/vigil"))
                .post("/api/v1/tenants/" + t + "/contacts").then().statusCode(201)
                .body("webhookUrl", equalTo("https://203.0.113.10/hooks/vigil")).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("steps", Map.of("MEDIUM", List.of(step(soar, 0, "EMAIL")))))
                .put("/api/v1/tenants/" + t + "/escalation").then().statusCode(422)
                .body("errors[0].field", equalTo("steps.MEDIUM[0].channel"))
                .body("errors[0].message", equalTo("SOAR has no email for EMAIL"));

        Map<String, Object> crossTenant = Map.of("steps", Map.of("LOW", List.of(step(foreign, 0, "EMAIL"))));
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON).body(crossTenant)
                .put("/api/v1/tenants/" + t + "/escalation").then().statusCode(422)
                .body("errors[0].field", equalTo("steps.LOW[0].contactId"));
        Map<String, Object> backwards = Map.of("steps", Map.of("LOW", List.of(step(ciso, 60, "EMAIL"), step(oncall, 10, "SMS"))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(backwards)
                .put("/api/v1/tenants/" + t + "/escalation").then().statusCode(422)
                .body("errors[0].field", equalTo("steps.LOW[1].afterMinutes"));
        // The refused writes left the matrix as it was; a contact in use cannot be deleted.
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/escalation").then().statusCode(200)
                .body("steps.HIGH.contactId", equalTo(List.of(ciso))).body("steps.LOW", nullValue());
        given().auth().oauth2(admin).delete("/api/v1/tenants/" + t + "/contacts/" + ciso).then().statusCode(409);
        given().auth().oauth2(Fixtures.member("customer-admin", other)).get("/api/v1/tenants/" + t + "/contacts")
                .then().statusCode(404);
    }

    private static Map<String, Object> step(String contactId, int after, String channel) {
        return Map.of("contactId", contactId, "afterMinutes", after, "channel", channel);
    }

    @Test
    void effectiveSlaIsTheTenantOverrideElseTheProviderDefault() {
        UUID t = Fixtures.tenant("sla");
        String manager = Fixtures.member("soc-manager", t);
        given().auth().oauth2(manager).get("/api/v1/tenants/" + t + "/sla-policy").then().statusCode(200)
                .body("targets.CRITICAL.source", equalTo("PROVIDER"))
                .body("targets.CRITICAL.targets.acknowledgeMinutes", equalTo(15));
        Map<String, Object> critical = Map.of("acknowledgeMinutes", 5, "triageMinutes", 15, "containMinutes", 60,
                "notifyMinutes", 10, "clock", "ALWAYS");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("CRITICAL", critical))
                .put("/api/v1/tenants/" + t + "/sla-policy").then().statusCode(200)
                .body("targets.CRITICAL.source", equalTo("TENANT"))
                .body("targets.CRITICAL.targets.acknowledgeMinutes", equalTo(5))
                .body("targets.HIGH.source", equalTo("PROVIDER"));
        // Another tenant still has the default.
        UUID u = Fixtures.tenant("sla-2");
        given().auth().oauth2(Fixtures.providerAdmin()).get("/api/v1/tenants/" + u + "/sla-policy").then()
                .body("targets.CRITICAL.source", equalTo("PROVIDER"));
        // Out of order targets are refused, naming the field; the customer cannot change its own contract.
        Map<String, Object> backwards = Map.of("acknowledgeMinutes", 60, "triageMinutes", 15, "containMinutes", 90,
                "notifyMinutes", 10, "clock", "ALWAYS");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("HIGH", backwards))
                .put("/api/v1/tenants/" + t + "/sla-policy").then().statusCode(422)
                .body("errors[0].field", equalTo("HIGH.triageMinutes"));
        given().auth().oauth2(Fixtures.member("customer-admin", t)).contentType(ContentType.JSON)
                .body(Map.of("CRITICAL", critical)).put("/api/v1/tenants/" + t + "/sla-policy").then().statusCode(403);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("CRITICAL", critical))
                .put("/api/v1/sla-policy/defaults").then().statusCode(403);
        given().auth().oauth2(manager).get("/api/v1/sla-policy/defaults").then().statusCode(200)
                .body("LOW.clock", equalTo("BUSINESS_HOURS"));
        given().auth().oauth2(manager).delete("/api/v1/tenants/" + t + "/sla-policy/CRITICAL").then().statusCode(200)
                .body("targets.CRITICAL.source", equalTo("PROVIDER"));
    }

    @Test
    void containmentIsPreApprovedOnlyWithinTheClientsRules() {
        UUID t = Fixtures.tenant("cont");
        String admin = Fixtures.member("customer-admin", t);
        String approver = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(contact("Ada Approver", "ada@client.example")).post("/api/v1/tenants/" + t + "/contacts")
                .then().statusCode(201).extract().path("id");
        UUID laptop = Fixtures.asset(t, "laptop-7", "MEDIUM");
        UUID erp = Fixtures.asset(t, "erp-db", "CRITICAL");
        Map<String, Object> policy = Map.of(
                "rules", List.of(Map.of("action", "ISOLATE_HOST", "maxCriticality", "MEDIUM"),
                        Map.of("action", "BLOCK_IP")),
                "approvers", List.of(approver), "escalateAfterMinutes", 20);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(policy)
                .put("/api/v1/tenants/" + t + "/containment-policy").then().statusCode(200)
                .body("rules", hasSize(2), "updatedAt", notNullValue());

        String analyst = Fixtures.member("soc-tier2", t);
        decision(analyst, t, "action=ISOLATE_HOST&assetId=" + laptop).then().statusCode(200)
                .body("preApproved", equalTo(true), "criticality", equalTo("MEDIUM"));
        decision(analyst, t, "action=ISOLATE_HOST&assetId=" + erp).then().statusCode(200)
                .body("preApproved", equalTo(false), "approvers.name", equalTo(List.of("Ada Approver")),
                        "escalateAfterMinutes", equalTo(20));
        decision(analyst, t, "action=BLOCK_IP").then().body("preApproved", equalTo(true));
        decision(analyst, t, "action=DISABLE_ACCOUNT&criticality=LOW").then().body("preApproved", equalTo(false));
        decision(analyst, t, "action=REBOOT_EVERYTHING").then().statusCode(400).contentType("application/problem+json"); // no such action: a bad request
        // The provider's analysts read the policy but do not set it.
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(policy)
                .put("/api/v1/tenants/" + t + "/containment-policy").then().statusCode(403);
    }

    private static io.restassured.response.Response decision(String token, UUID t, String query) {
        return given().auth().oauth2(token).get("/api/v1/tenants/" + t + "/containment-policy/decision?" + query);
    }

    @Test
    void apiKeysAreShownOnceStoredHashedPublishedAndRevocable() throws Exception {
        UUID t = Fixtures.tenant("keys");
        String admin = Fixtures.member("customer-admin", t);
        String source = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Perimeter firewall", "product", "FortiGate", "format", "CEF",
                        "expectedEventsPerDay", 200000))
                .post("/api/v1/tenants/" + t + "/log-sources").then().statusCode(201).extract().path("id");
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "fw-01 forwarder", "logSourceId", source))
                .post("/api/v1/tenants/" + t + "/api-keys").then().statusCode(201)
                .body("key", startsWith("vgl_"), "logSourceId", equalTo(source)).extract();
        String key = created.path("key");
        String keyId = created.path("id");

        // Only the hash is stored, and the gateway's directory resolves the hash to the tenant and source.
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.execute("select set_config('app.tenant_ids', '" + t + "', false)"); // '*' alone admits no tenant row
            var rs = st.executeQuery("select key_hash, prefix from api_keys where id = '" + keyId + "'");
            assertTrue(rs.next());
            assertEquals(ApiKeys.hash(key), rs.getString(1));
            assertTrue(key.startsWith(rs.getString(2)));
            assertFalse(rs.getString(1).contains(key.substring(4)));
        }
        Map<String, String> entry = redis.hash(String.class).hgetall(ApiKeys.KEY_ENTRY + ApiKeys.hash(key));
        assertEquals(Map.of("tenantId", t.toString(), "keyId", keyId, "logSourceId", source, "format", "cef"), entry);
        assertEquals("ACTIVE", redis.value(String.class).get(ApiKeys.TENANT_STATUS + t));

        // Last use, as the gateway records it, shows in the list; the key itself never does.
        long used = Instant.parse("2026-11-24T08:00:00Z").toEpochMilli();
        redis.hash(String.class).hset(ApiKeys.KEY_LAST_USED, keyId, Long.toString(used));
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/api-keys").then().statusCode(200)
                .body("items[0].lastUsedAt", equalTo("2026-11-24T08:00:00Z"), "items[0].key", nullValue());

        given().auth().oauth2(admin).delete("/api/v1/tenants/" + t + "/api-keys/" + keyId).then().statusCode(200)
                .body("revokedAt", notNullValue());
        assertTrue(redis.hash(String.class).hgetall(ApiKeys.KEY_ENTRY + ApiKeys.hash(key)).isEmpty());
        given().auth().oauth2(admin).delete("/api/v1/tenants/" + t + "/api-keys/" + keyId).then().statusCode(200);
        given().auth().oauth2(Fixtures.member("customer-viewer", t)).get("/api/v1/tenants/" + t + "/api-keys")
                .then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "logSourceId", UUID.randomUUID().toString()))
                .post("/api/v1/tenants/" + t + "/api-keys").then().statusCode(404);
    }

    @Test
    void silentLogSourcesAreReportedOnceAndRecover() {
        UUID t = Fixtures.tenant("silence");
        String admin = Fixtures.member("customer-admin", t);
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "DC security log", "product", "Windows", "format", "JSON",
                        "silenceAfterMinutes", 30))
                .post("/api/v1/tenants/" + t + "/log-sources").then().statusCode(201)
                .body("health", equalTo("NEVER_SEEN")).extract().path("id");
        var hashes = redis.hash(String.class);
        hashes.hset(ApiKeys.SOURCE_LAST_SEEN, id, Long.toString(Instant.now().minus(Duration.ofMinutes(45)).toEpochMilli()));
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/log-sources?health=SILENT").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));

        assertTrue(checkSilence() >= 1, "the silence is reported");
        assertEquals(1, countAudit(t, "silent", admin), "reported once");
        checkSilence();
        assertEquals(1, countAudit(t, "silent", admin), "not reported again while it stays silent");

        hashes.hset(ApiKeys.SOURCE_LAST_SEEN, id, Long.toString(Instant.now().toEpochMilli()));
        checkSilence();
        assertEquals(1, countAudit(t, "recovered", admin));
        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/log-sources/" + id).then()
                .body("health", equalTo("OK"), "silentSince", nullValue());
    }

    private int checkSilence() {
        return Arc.container().requestContext().isActive() ? run() : activateAndRun();
    }

    private int activateAndRun() {
        var ctx = Arc.container().requestContext();
        ctx.activate();
        try {
            return run();
        } finally {
            ctx.terminate();
        }
    }

    private int run() {
        Arc.container().instance(CurrentTenant.class).get().set(TenantContext.system("test"));
        return logSources.checkSilenceNow(Instant.now());
    }

    private static int countAudit(UUID t, String action, String token) {
        List<String> actions = given().auth().oauth2(token).get("/api/v1/tenants/" + t + "/audit?entityType=log-source")
                .then().statusCode(200).extract().path("items.action");
        return (int) actions.stream().filter(action::equals).count();
    }

    @Test
    void tenantUpdatesUseETagsAndStatusChangesFollowTheLifecycle() {
        UUID t = Fixtures.tenant("life");
        String admin = Fixtures.providerAdmin();
        String etag = given().auth().oauth2(admin).get("/api/v1/tenants/" + t).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("name", "Renamed client", "timeZone", "Asia/Tokyo"))
                .patch("/api/v1/tenants/" + t).then().statusCode(200)
                .body("name", equalTo("Renamed client"), "timeZone", equalTo("Asia/Tokyo"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("name", "Lost update")).patch("/api/v1/tenants/" + t).then().statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("timeZone", "Mars/Olympus"))
                .patch("/api/v1/tenants/" + t).then().statusCode(422).body("errors[0].field", equalTo("timeZone"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "unpaid invoice"))
                .post("/api/v1/tenants/" + t + "/suspend").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        assertEquals("SUSPENDED", redis.value(String.class).get(ApiKeys.TENANT_STATUS + t));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "twice"))
                .post("/api/v1/tenants/" + t + "/suspend").then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "paid"))
                .post("/api/v1/tenants/" + t + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertEquals("ACTIVE", redis.value(String.class).get(ApiKeys.TENANT_STATUS + t));
        given().auth().oauth2(Fixtures.member("soc-manager", t)).contentType(ContentType.JSON)
                .body(Map.of("reason", "no")).post("/api/v1/tenants/" + t + "/suspend").then().statusCode(403);

        given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/audit?entityType=tenant").then().statusCode(200)
                .body("items.action", equalTo(List.of("created", "activated", "updated", "suspended", "resumed")))
                .body("items[2].changes.name", equalTo("Renamed client"))
                .body("items[3].changes.reason", equalTo("unpaid invoice"))
                .body("items.actor", hasItem(notNullValue()));
    }
}
