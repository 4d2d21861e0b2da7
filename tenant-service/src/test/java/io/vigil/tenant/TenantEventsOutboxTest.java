package io.vigil.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.streams.OutboxRelay;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Changes to tenants are announced on tenant.events through the transactional outbox. */
@QuarkusTest
class TenantEventsOutboxTest {

    @Inject
    RedisDataSource redis;
    @Inject
    OutboxRelay relay;
    @Inject
    EntityManager em;
    @Inject
    io.vigil.platform.tenancy.CurrentTenant current;
    @Inject
    io.vigil.tenant.logsource.service.LogSourceService logSources;

    @Test
    void onboardingATenantPublishesTenantCreated() throws Exception {
        UUID tenant = Fixtures.tenant("outbox");
        StreamMessage<String, String, String> m = await(tenant.toString()).orElseThrow(
                () -> new AssertionError("tenant.created never reached " + "tenant.events"));
        assertEquals("tenant.created", m.payload().get("type"));
        assertTrue(m.payload().get("payload").contains("\"socModel\":\"HYBRID\""), m.payload().get("payload"));
    }

    @Test
    void theCoverageCalendarRegimesAndResolutionTargetReachCaseServiceOnTheStream() throws Exception {
        String admin = Fixtures.providerAdmin();
        String id = io.restassured.RestAssured.given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "Client nis2", "slug", Fixtures.slug("nis2"), "socModel", "MANAGED",
                        "timeZone", "Europe/Paris", "regulatoryRegimes", List.of("NIS2", "GDPR")))
                .post("/api/v1/tenants").then().statusCode(201)
                .body("regulatoryRegimes", org.hamcrest.Matchers.equalTo(List.of("NIS2", "GDPR"))).extract().path("id");
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("windows", List.of(java.util.Map.of("day", "MONDAY", "start", "08:00", "end", "18:00")),
                        "holidays", List.of("2026-12-25")))
                .put("/api/v1/tenants/" + id + "/coverage").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("HIGH", java.util.Map.of("acknowledgeMinutes", 20, "triageMinutes", 40,
                        "containMinutes", 90, "notifyMinutes", 60, "resolveMinutes", 60, "clock", "ALWAYS")))
                .put("/api/v1/tenants/" + id + "/sla-policy").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("HIGH.resolveMinutes"));
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("HIGH", java.util.Map.of("acknowledgeMinutes", 20, "triageMinutes", 40,
                        "containMinutes", 90, "notifyMinutes", 60, "resolveMinutes", 600, "clock", "ALWAYS")))
                .put("/api/v1/tenants/" + id + "/sla-policy").then().statusCode(200);
        StreamMessage<String, String, String> coverage = awaitType(id, "tenant.coverage.replaced").orElseThrow(
                () -> new AssertionError("tenant.coverage.replaced never reached tenant.events"));
        assertTrue(coverage.payload().get("payload").contains("\"holidays\":[\"2026-12-25\"]"), coverage.payload().get("payload"));
        assertTrue(coverage.payload().get("payload").contains("\"timeZone\":\"Europe/Paris\""));
        StreamMessage<String, String, String> sla = awaitType(id, "tenant.sla-policy.overridden").orElseThrow();
        assertTrue(sla.payload().get("payload").contains("\"resolveMinutes\":600"), sla.payload().get("payload"));
        StreamMessage<String, String, String> created = awaitType(id, "tenant.created").orElseThrow();
        assertTrue(created.payload().get("payload").contains("\"regulatoryRegimes\":[\"NIS2\",\"GDPR\"]"),
                created.payload().get("payload"));
    }

    @Test
    void aRowLeftByACrashBeforePublishingIsPublishedByTheRelay() throws Exception {
        // A committed outbox row whose after-commit publish never ran (the process died in between).
        UUID tenant = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        // Written as the service writes it: in the tenant's transaction (the outbox is under row-level security).
        asTenant(tenant, () -> em.createNativeQuery(
                "insert into stream_outbox (id, tenant_id, stream, type, schema_version, occurred_at, payload)"
                        + " values (?1, ?2, 'tenant.events', 'tenant.updated', 1, now(), ?3)")
                .setParameter(1, id).setParameter(2, tenant).setParameter(3, profile(tenant)).executeUpdate());
        relay.drain();
        StreamMessage<String, String, String> m = await(tenant.toString()).orElseThrow(
                () -> new AssertionError("the relay did not publish the leftover row"));
        assertEquals(id.toString(), m.payload().get("id"));
        Number left = asTenant(tenant, () -> (Number) em.createNativeQuery(
                "select count(*) from stream_outbox where id = ?1").setParameter(1, id).getSingleResult());
        assertEquals(0, left.intValue(), "published rows leave the outbox (the relay, with no tenant, deletes through the owner's function)");
    }

    /** A tenant.updated payload as the service writes it: the schema's example, for this tenant. */
    private static String profile(UUID tenant) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) io.vigil.platform.testing.EventContracts
                .examples("tenant.updated").get(0).deepCopy()).put("id", tenant.toString()).toString();
    }

    private <T> T asTenant(UUID tenant, java.util.concurrent.Callable<T> work) {
        var request = io.quarkus.arc.Arc.container().requestContext();
        request.activate();
        try {
            current.set(new io.vigil.platform.tenancy.TenantContext("test", java.util.Set.of(tenant), java.util.Set.of(),
                    io.vigil.platform.tenancy.TenantContext.Source.MESSAGE));
            return QuarkusTransaction.requiringNew().call(work);
        } finally {
            request.terminate();
        }
    }

    /** The gateway's daily count of a source reaches tenant.events, once per change, for reporting's volumes. */
    @Test
    void eachLogSourcesDailyCountIsAnnouncedWhenItChanges() throws Exception {
        UUID tenant = Fixtures.tenant("volumes");
        String admin = Fixtures.member("customer-admin", tenant);
        String id = io.restassured.RestAssured.given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "Firewall syslog", "product", "fortigate", "format", "CEF"))
                .post("/api/v1/tenants/" + tenant + "/log-sources").then().statusCode(201).extract().path("id");
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        var hashes = redis.hash(String.class);
        hashes.hincrby(io.vigil.platform.tenancy.ApiKeys.SOURCE_EVENTS_PREFIX + day, id, 12);
        announce();
        StreamMessage<String, String, String> first = awaitType(tenant.toString(), "tenant.log-source.counted").orElseThrow(
                () -> new AssertionError("tenant.log-source.counted never reached tenant.events"));
        assertTrue(first.payload().get("payload").contains("\"events\":12"), first.payload().get("payload"));
        assertTrue(first.payload().get("payload").contains("\"day\":\"" + day + "\""), first.payload().get("payload"));
        announce();
        assertEquals(1, counted(tenant.toString()), "an unchanged count is not announced again");
        hashes.hincrby(io.vigil.platform.tenancy.ApiKeys.SOURCE_EVENTS_PREFIX + day, id, 3);
        announce();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (counted(tenant.toString()) < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(2, counted(tenant.toString()));
    }

    private void announce() {
        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            current.set(io.vigil.platform.tenancy.TenantContext.system("test"));
            logSources.announceCountsNow(Instant.now());
        } finally {
            ctx.terminate();
        }
    }

    private long counted(String tenantId) {
        String since = (System.currentTimeMillis() - 60_000) + "-0";
        return redis.stream(String.class, String.class, String.class).xrange("tenant.events", StreamRange.of(since, "+"))
                .stream().filter(m -> tenantId.equals(m.payload().get("tenantId"))
                        && "tenant.log-source.counted".equals(m.payload().get("type"))).count();
    }

    private Optional<StreamMessage<String, String, String>> awaitType(String tenantId, String type) throws InterruptedException {
        String since = (System.currentTimeMillis() - 60_000) + "-0";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<StreamMessage<String, String, String>> hit = redis.stream(String.class, String.class, String.class)
                    .xrange("tenant.events", StreamRange.of(since, "+")).stream()
                    .filter(m -> tenantId.equals(m.payload().get("tenantId")) && type.equals(m.payload().get("type")))
                    .findFirst();
            if (hit.isPresent()) {
                return hit;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** Waits for an entry of the tenant added in the last minute (stream ids start with epoch millis). */
    private Optional<StreamMessage<String, String, String>> await(String tenantId) throws InterruptedException {
        String since = (System.currentTimeMillis() - 60_000) + "-0";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<StreamMessage<String, String, String>> recent = redis.stream(String.class, String.class, String.class)
                    .xrange("tenant.events", StreamRange.of(since, "+"));
            Optional<StreamMessage<String, String, String>> hit = recent.stream()
                    .filter(m -> tenantId.equals(m.payload().get("tenantId"))).findFirst();
            if (hit.isPresent()) {
                return hit;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
