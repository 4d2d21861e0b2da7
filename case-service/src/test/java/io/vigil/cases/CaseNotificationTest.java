package io.vigil.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.cases.notify.service.Notifier;
import io.vigil.platform.streams.Envelope;
import io.vigil.platform.streams.StreamPublisher;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notification through the tenant's escalation matrix, against a real HTTP receiver and a real SMTP server:
 * a signed webhook at once, an e-mail when nobody acknowledged in time, an internal address refused, and no
 * more escalation once the case is acknowledged.
 */
@QuarkusTest
class CaseNotificationTest {

    @Inject
    StreamPublisher publisher;
    @Inject
    MovableClock clock;
    @Inject
    Notifier notifier;
    @Inject
    ObjectMapper mapper;

    record Delivery(String signature, String deliveryId, String body) {
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theMatrixIsClimbedWhileNobodyAcknowledgesWithSignedWebhooksAndMailAndNeverToAnInternalAddress() throws Exception {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/vigil", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Vigil-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Vigil-Delivery"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            UUID t = UUID.randomUUID();
            UUID soar = contact(t, "Client SOAR", null, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/vigil");
            UUID ciso = contact(t, "Cleo Ciso", "cleo@client.example", null);
            UUID metadata = contact(t, "Misconfigured", null, "http://169.254.169.254/latest/meta-data");
            publisher.publish("tenant.events", new Envelope(t, UUID.randomUUID(), "tenant.escalation.replaced", 1,
                    Instant.now(), mapper.writeValueAsString(Map.of("steps", Map.of("HIGH", List.of(
                            Map.of("contactId", soar, "afterMinutes", 0, "channel", "WEBHOOK"),
                            Map.of("contactId", ciso, "afterMinutes", 15, "channel", "EMAIL"),
                            Map.of("contactId", metadata, "afterMinutes", 30, "channel", "WEBHOOK")))))));
            CaseSlaTest.awaitFacts(t, "select count(*) from cases.escalation_rungs where tenant_id = '" + t + "'", 3);
            CaseSlaTest.awaitFacts(t, "select count(*) from cases.tenant_contacts where tenant_id = '" + t + "'", 3);
            int mailBefore = SmtpServer.greenMail.getReceivedMessages().length;

            Instant t0 = Instant.parse("2026-11-20T02:00:00Z");
            clock.set(t0);
            String analyst = CaseSlaTest.token("soc-tier1", t);
            publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "db-01", "HIGH", "high", "high"));
            String id = (String) CaseSlaTest.awaitCase(analyst, t).get("id");

            // At once: the webhook, signed with the tenant's key over its timestamp and body.
            Instant sent = t0.plusSeconds(5);
            assertEquals(1, notifier.notifyNow(sent));
            assertEquals(1, received.size());
            Delivery d = received.get(0);
            JsonNode body = mapper.readTree(d.body());
            assertEquals(id, body.path("caseId").asText());
            assertEquals("HIGH", body.path("severity").asText());
            String admin = CaseSlaTest.token("customer-admin", t);
            String key = given().auth().oauth2(admin).get("/api/v1/tenants/" + t + "/webhook-signing-key").then()
                    .statusCode(200).body("algorithm", equalTo("HMAC-SHA256")).extract().path("key");
            // Verified as the README tells a receiver to: its own HMAC, its own clock.
            assertTrue(receiverAccepts(key, d.signature(), d.body(), sent), "the receiver verifies the delivery");
            assertTrue(!receiverAccepts(key, d.signature(), d.body().replace("HIGH", "LOW"), sent), "a changed body is refused");
            assertTrue(!receiverAccepts(key, d.signature(), d.body(), sent.plusSeconds(600)), "a replay ten minutes on is refused");
            String outsider = CaseSlaTest.token("customer-admin", UUID.randomUUID());
            given().auth().oauth2(outsider).get("/api/v1/tenants/" + t + "/webhook-signing-key").then().statusCode(404);

            // Nothing new before the next rung's minutes; at 16 minutes unacknowledged, the CISO is mailed.
            assertEquals(0, notifier.notifyNow(t0.plusSeconds(10 * 60)));
            assertEquals(1, notifier.notifyNow(t0.plusSeconds(16 * 60)));
            assertTrue(SmtpServer.greenMail.waitForIncomingEmail(5_000, mailBefore + 1), () -> "no mail; notifications: "
                    + given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/notifications").asString());
            MimeMessage mail = SmtpServer.greenMail.getReceivedMessages()[mailBefore];
            assertEquals("cleo@client.example", mail.getAllRecipients()[0].toString());
            assertTrue(mail.getSubject().startsWith("[Vigil HIGH] case #"), mail.getSubject());

            // At 31 minutes the third rung points at the cloud metadata address: refused, never called.
            assertEquals(1, notifier.notifyNow(t0.plusSeconds(31 * 60)));
            assertEquals(0, notifier.notifyNow(t0.plusSeconds(60 * 60)), "a refused rung is not retried");
            given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/notifications").then().statusCode(200)
                    .body("items.escalationStep", equalTo(List.of(1, 2, 3)))
                    .body("items.channel", equalTo(List.of("WEBHOOK", "EMAIL", "WEBHOOK")))
                    .body("items.status", equalTo(List.of("SENT", "SENT", "REFUSED")))
                    .body("items[2].detail", containsString("internal address"));
            given().auth().oauth2(analyst).get("/api/v1/cases/" + id + "/timeline?kind=action").then().statusCode(200)
                    .body("items.summary.findAll { it.startsWith('case.notified') }.size()", equalTo(3));
            given().auth().oauth2(outsider).get("/api/v1/cases/" + id + "/notifications").then().statusCode(404);

            // A second case acknowledged within the quarter of an hour: the webhook went out, the CISO is spared.
            Instant t1 = Instant.parse("2026-11-20T04:00:00Z");
            clock.set(t1);
            publisher.publish("alerts", CaseTriageTest.alert(t, UUID.randomUUID().toString(), "db-02", "HIGH", "high", "high"));
            String second = (String) CaseSlaTest.awaitCases(analyst, t, 2).stream()
                    .filter(c -> !c.get("id").equals(id)).findFirst().orElseThrow().get("id");
            assertEquals(1, notifier.notifyNow(t1.plusSeconds(5)));
            clock.set(t1.plusSeconds(5 * 60));
            CaseSlaTest.patch(analyst, second, Map.of("status", "ACKNOWLEDGED")).then().statusCode(200);
            assertEquals(0, notifier.notifyNow(t1.plusSeconds(45 * 60)), "acknowledged: no re-escalation");
            assertEquals(2, received.size());
            assertEquals(mailBefore + 1, SmtpServer.greenMail.getReceivedMessages().length);
        } finally {
            receiver.stop(0);
        }
    }

    /** A receiver's check: v1 is HMAC-SHA256 of "t.body" under the key, and t is within five minutes of now. */
    static boolean receiverAccepts(String key, String header, String body, Instant now) throws Exception {
        Map<String, String> parts = new java.util.HashMap<>();
        for (String kv : header.split(",")) {
            parts.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        long t = Long.parseLong(parts.get("t"));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                parts.get("v1").getBytes(StandardCharsets.UTF_8)) && Math.abs(now.getEpochSecond() - t) <= 300;
    }

    private UUID contact(UUID tenant, String name, String email, String webhook) throws Exception {
        return contact(publisher, mapper, tenant, name, email, webhook);
    }

    /** Announces a contact on tenant.events, as tenant-service does when it is created; returns its id. */
    static UUID contact(StreamPublisher publisher, ObjectMapper mapper, UUID tenant, String name, String email,
            String webhook) throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("id", id);
        p.put("tenantId", tenant);
        p.put("name", name);
        p.put("email", email);
        p.put("phone", null);
        p.put("webhookUrl", webhook);
        p.put("createdAt", Instant.now().toString());
        p.put("updatedAt", Instant.now().toString());
        publisher.publish("tenant.events", new Envelope(tenant, UUID.randomUUID(), "tenant.contact.created", 1,
                Instant.now(), mapper.writeValueAsString(p)));
        return id;
    }
}
