package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.detection.pipeline.EventStoreHandler;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.testing.TestEvents;
import io.vigil.platform.streams.StreamConsumers;
import io.vigil.platform.streams.StreamPublisher;
import io.vigil.platform.testing.Keycloak;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hunting in the event store: field filters, time range, pagination, never another tenant's events. */
@QuarkusTest
class HuntTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    StreamConsumers consumers;
    @Inject
    EventStoreHandler handler;

    private static String event(String host, String cmd, String ts) {
        return "{\"@timestamp\":\"" + ts + "\",\"host.name\":\"" + host + "\",\"process.command_line\":\"" + cmd
                + "\",\"event.id\":\"" + UUID.randomUUID() + "\"}";
    }

    @Inject
    io.vigil.detection.eventstore.retention.EventRetention retention;

    @Test
    void eachTenantsEventsAreKeptForItsRetentionAndNoLonger() throws Exception {
        UUID shortLived = UUID.randomUUID();
        UUID standard = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        String stream = "test.events." + UUID.randomUUID();
        publisher.publish(stream, TestEvents.batch(shortLived, event("ret-1", "old", "2026-10-01T00:00:00Z") + "\n" + event("ret-1", "recent", "2026-11-20T00:00:00Z")));
        publisher.publish(stream, TestEvents.batch(standard, event("ret-2", "sixty days", "2026-09-25T12:00:00Z") + "\n" + event("ret-2", "ancient", "2026-01-01T00:00:00Z")));
        assertEquals(2, consumers.create(stream, "retention-it", "one", handler).pollOnce());
        String manager = Keycloak.userToken(List.of("soc-manager"), List.of(Keycloak.tenantGroup(shortLived)));
        given().auth().oauth2(manager).contentType("application/json").body(java.util.Map.of("days", 30))
                .put("/api/v1/tenants/" + shortLived + "/event-retention").then().statusCode(200);
        given().auth().oauth2(manager).get("/api/v1/tenants/" + shortLived + "/event-retention").then()
                .statusCode(200).body("days", equalTo(30), "source", equalTo("TENANT"));
        given().auth().oauth2(manager).contentType("application/json").body(java.util.Map.of("days", 0))
                .put("/api/v1/tenants/" + shortLived + "/event-retention").then().statusCode(422);

        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            io.quarkus.arc.Arc.container().instance(io.vigil.platform.tenancy.CurrentTenant.class).get()
                    .set(io.vigil.platform.tenancy.TenantContext.system("test"));
            retention.purge(now);
        } finally {
            ctx.terminate();
        }
        String analystA = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(shortLived)));
        given().auth().oauth2(analystA).get("/api/v1/events?from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].event.'process.command_line'", equalTo("recent"));
        String analystB = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(standard)));
        given().auth().oauth2(analystB).get("/api/v1/events?from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].event.'process.command_line'", equalTo("sixty days"));
    }

    @Inject
    io.vigil.detection.eventstore.retention.EventPartitions partitions;
    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void eventsLiveInDailyPartitionsThatAreDroppedWholeOncePastEveryRetention() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        List<java.time.LocalDate> days = asSystem(() -> partitions.existing());
        for (int d = -1; d <= 3; d++) {
            assertTrue(days.contains(today.plusDays(d)), "partition of " + today.plusDays(d) + " made ahead: " + days);
        }
        // Telemetry from a day without a partition (an old export replayed) lands in the default partition
        // and is moved into its day's partition when that is created.
        UUID tenant = UUID.randomUUID();
        java.time.LocalDate old = java.time.LocalDate.parse("2014-03-02");
        String stream = "test.events." + UUID.randomUUID();
        publisher.publish(stream, TestEvents.batch(tenant, event("part-1", "replayed", "2014-03-02T08:00:00Z") + "\n" + event("part-1", "today", Instant.now().toString())));
        assertEquals(1, consumers.create(stream, "partition-it", "one", handler).pollOnce());
        assertEquals(List.of("events_default", "events_p" + today.toString().replace("-", "")), partitionsOf(tenant));
        assertEquals(1L, asSystem(() -> partitions.ensure(old)), "one event moved into its day's partition");
        assertEquals(List.of("events_p20140302", "events_p" + today.toString().replace("-", "")), partitionsOf(tenant));
        String analyst = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(tenant)));
        given().auth().oauth2(analyst).get("/api/v1/events?from=2014-01-01T00:00:00Z&to=2014-12-31T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(1));
        // Past every tenant's retention (at most ten years), the whole day goes at once; today's stays.
        io.vigil.detection.eventstore.retention.EventPartitions.Outcome o = asSystem(() -> partitions.maintain(Instant.now()));
        assertTrue(o.dropped().contains(old), o.toString());
        assertEquals(List.of("events_p" + today.toString().replace("-", "")), partitionsOf(tenant));
        given().auth().oauth2(analyst).get("/api/v1/events?from=2014-01-01T00:00:00Z&to=2014-12-31T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** The partition each of the tenant's events is stored in, ordered by event time. */
    @SuppressWarnings("unchecked")
    private List<String> partitionsOf(UUID tenant) {
        return asSystem(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> (List<String>) em
                .createNativeQuery("select cast(tableoid::regclass as text) from events where tenant_id = :t order by ts")
                .setParameter("t", tenant).getResultList()));
    }

    private static <T> T asSystem(java.util.concurrent.Callable<T> work) {
        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            io.quarkus.arc.Arc.container().instance(io.vigil.platform.tenancy.CurrentTenant.class).get()
                    .set(io.vigil.platform.tenancy.TenantContext.system("test"));
            return work.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ctx.terminate();
        }
    }

    @Test
    void findsTheTenantsEventsByFieldTextAndTimeNewestFirst() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String stream = "test.events." + UUID.randomUUID();
        List<String> linesA = new ArrayList<>(List.of(
                event("ws-hunt-1", "powershell -enc AAAA", "2026-11-24T09:00:00Z"),
                event("ws-hunt-1", "cmd /c whoami", "2026-11-24T09:05:00Z"),
                event("ws-hunt-2", "C:\\\\Tools\\\\Mimikatz.exe sekurlsa::logonpasswords", "2026-11-24T09:10:00Z"),
                event("ws-hunt-1", "notepad", "2026-11-20T09:00:00Z")));
        publisher.publish(stream, TestEvents.batch(a, String.join("\n", linesA)));
        publisher.publish(stream, TestEvents.batch(b, event("ws-hunt-1", "mimikatz", "2026-11-24T09:10:00Z")));
        assertEquals(2, consumers.create(stream, "hunt-it", "one", handler).pollOnce());

        String analyst = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(a)));
        String window = "from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";
        given().auth().oauth2(analyst).get("/api/v1/events?" + window + "&where=host.name:ws-hunt-1").then()
                .statusCode(200).body("items.size()", equalTo(2))
                .body("items[0].event.'process.command_line'", equalTo("cmd /c whoami"))
                .body("items.tenantId", everyItem(equalTo(a.toString())));
        given().auth().oauth2(analyst).get("/api/v1/events?" + window + "&contains=process.command_line:MIMIKATZ")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].event.'host.name'", equalTo("ws-hunt-2"));
        // Older than the window: not found; default window (last 24 h) is not this data's.
        given().auth().oauth2(analyst).get("/api/v1/events?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(1));
        // Pages, newest first.
        String next = given().auth().oauth2(analyst).get("/api/v1/events?" + window + "&limit=2").then()
                .statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(analyst).get("/api/v1/events?" + window + "&limit=2&cursor=" + next).then()
                .statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", nullValue());
        // Another tenant's analyst sees only its own event; naming our tenant is a 404.
        String other = Keycloak.userToken(List.of("soc-tier2"), List.of(Keycloak.tenantGroup(b)));
        given().auth().oauth2(other).get("/api/v1/events?" + window).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].tenantId", equalTo(b.toString()));
        given().auth().oauth2(other).get("/api/v1/events?tenantId=" + a + "&" + window).then().statusCode(404);
        // By id, as a case's timeline asks for its alerts' events: whenever they happened, only the caller's.
        List<String> ids = given().auth().oauth2(analyst).get("/api/v1/events?" + window).then().statusCode(200)
                .extract().path("items.id");
        String theirs = given().auth().oauth2(other).get("/api/v1/events?" + window).then().extract().path("items[0].id");
        String old = given().auth().oauth2(analyst).get("/api/v1/events?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z")
                .then().extract().path("items[0].id");
        given().auth().oauth2(analyst).get("/api/v1/events?id=" + ids.get(2) + "&id=" + old + "&id=" + theirs).then()
                .statusCode(200).body("items.id", equalTo(List.of(ids.get(2), old)))
                .body("items[1].event.'process.command_line'", equalTo("notepad"));
        given().auth().oauth2(other).get("/api/v1/events?id=" + ids.get(0)).then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().auth().oauth2(analyst).get("/api/v1/events?" + "id=" + UUID.randomUUID()
                + java.util.stream.IntStream.range(0, 64).mapToObj(i -> "&id=" + UUID.randomUUID())
                        .collect(java.util.stream.Collectors.joining())).then().statusCode(422)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(analyst).get("/api/v1/events?where=nocolon").then().statusCode(422)
                .body("errors[0].field", equalTo("where"));

        // A backtest of a rule over the same events: tenant a's Mimikatz only.
        String rule = "title: Mimikatz on the command line\nid: 0d2c3b52-5b8e-4a55-9b1a-4f2c1e7a9b10\n"
                + "logsource: {category: hunting}\ndetection:\n  sel:\n    process.command_line|contains: mimikatz\n"
                + "  condition: sel\nlevel: high\n";
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of(Keycloak.tenantGroup(a)));
        given().auth().oauth2(engineer).contentType("application/json")
                .body(java.util.Map.of("rule", rule, "from", "2026-11-24T00:00:00Z", "to", "2026-11-25T00:00:00Z"))
                .post("/api/v1/rules/backtest").then().statusCode(200)
                .body("evaluated", equalTo(3), "matched", equalTo(1), "truncated", equalTo(false))
                .body("firstMatches[0].tenantId", equalTo(a.toString()));
    }
}
