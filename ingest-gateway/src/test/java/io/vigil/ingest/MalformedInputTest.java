package io.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.platform.testing.Keycloak;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken input: the client gets a precise 4xx, the gateway stays healthy, and every line it
 * accepted but could not use is in dead-letter.
 */
@QuarkusTest
class MalformedInputTest {

    /** Health is served on the management interface, not the API port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL live;

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-ndjson",
                        ContentType.TEXT));
    }

    private static final String GOOD = "{\"EventID\": 4688, \"NewProcessName\": \"C:\\\\Windows\\\\System32\\\\cmd.exe\"}";

    static String sender(UUID tenant) {
        return Keycloak.userToken(List.of("customer-admin"), List.of(Keycloak.tenantGroup(tenant)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A request line or header block past Vigil's limits is a 414 or 431 with a problem body that names the
     * limit (the HTTP codec's own answer, at its far higher limits, has no body), through the gateway's own
     * operations and the API it routes alike.
     */
    @Test
    void anOverlongRequestLineOrHeaderBlockIsAProblemThatNamesTheLimit() {
        String longQuery = "x".repeat(10_000);
        for (String path : List.of("/api/v1/ingest/dead-letters?q=" + longQuery, "/api/v1/cases?q=" + longQuery)) {
            given().get(path).then().statusCode(414).contentType("application/problem+json")
                    .body("status", equalTo(414), "detail", containsString("over the limit of 8192"));
        }
        var req = given();
        for (int i = 0; i < 20; i++) {
            req.header("X-Padding-" + i, "p".repeat(1_000));
        }
        req.get("/api/v1/ingest/dead-letters").then().statusCode(431).contentType("application/problem+json")
                .body("status", equalTo(431), "detail", containsString("over the limit of 16384"));
        given().get("/api/v1/ingest/dead-letters?q=" + "x".repeat(7_000)).then().statusCode(401); // under: goes on
        given().urlEncodingEnabled(false).get("/api/v1/ingest/dead-letters?cursor=a%00b").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("NUL"));
        given().get(live).then().statusCode(200);
    }

    @Test
    void linesThatAreNotUtf8AreDeadLetteredAndTheOthersAccepted() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        byte[] body = concat(utf8(GOOD + "\n{\"user\": \"caf"), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\"}\n" + GOOD + "\n"));
        given().auth().oauth2(token).contentType("application/x-ndjson").body(body).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(2), "deadLettered", equalTo(1));
        byte[] syslog = concat(utf8("<34>1 2003-10-11T22:14:15.003Z host app - - - ok\n<34>1 2003-10-11T22:14:15.003Z host app - - - "),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("\n"));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(syslog).post("/api/v1/ingest/raw?format=syslog")
                .then().statusCode(202).body("accepted", equalTo(1), "deadLettered", equalTo(1));
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.reason", org.hamcrest.Matchers.everyItem(containsString("not valid UTF-8")))
                .body("items.lineNumber", org.hamcrest.Matchers.containsInAnyOrder(2, 2));
        // A JSON document (not lines) that is not UTF-8 is refused whole.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(concat(utf8("{\"a\": \""), new byte[] {(byte) 0xC0}, utf8("\"}")))
                .post("/api/v1/ingest/events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid UTF-8"));
    }

    @Test
    void eventsTheEventStoreCannotKeepAreDeadLetteredWithTheirReasonAndTheirNeighboursAccepted() {
        // Both used to be answered 202 and then sink the whole stream entry, good events included, in detection.
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        String farFuture = "{\"@timestamp\": \"+999999999-01-01T00:00:00Z\", \"EventID\": 1}";
        String nul = "{\"EventID\": 1, \"CommandLine\": \"cmd\\u0000.exe\"}";
        String escapedBackslash = "{\"EventID\": 1, \"CommandLine\": \"C:\\\\u0000dir\"}"; // a backslash, then text
        given().auth().oauth2(token).contentType("application/x-ndjson")
                .body(String.join("\n", GOOD, farFuture, nul, escapedBackslash, GOOD)).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(3), "deadLettered", equalTo(2));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("<34>1 2003-10-11T22:14:15.003Z host app - - - a\u0000b\n")
                .post("/api/v1/ingest/raw?format=syslog").then().statusCode(202).body("accepted", equalTo(0),
                        "deadLettered", equalTo(1));
        // The same in a JSON document (not lines): the event goes to dead-letter, its neighbour is taken.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[" + nul + ", " + GOOD + "]")
                .post("/api/v1/ingest/events").then().statusCode(202).body("accepted", equalTo(1), "deadLettered", equalTo(1));
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items", hasSize(4))
                .body("items.reason", org.hamcrest.Matchers.hasItems(
                        containsString("outside what can be stored"), containsString("\\u0000"),
                        containsString("NUL character")));
    }

    @Test
    void aTenMegabyteLineIsDeadLetteredAndTheGatewayStaysHealthy() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        char[] huge = new char[10 * 1024 * 1024];
        Arrays.fill(huge, 'x');
        String body = GOOD + "\n{\"blob\": \"" + new String(huge) + "\"}\n" + GOOD + "\n";
        given().auth().oauth2(token).contentType("application/x-ndjson").body(body).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(2), "deadLettered", equalTo(1));
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200)
                .body("items[0].lineNumber", equalTo(2), "items[0].reason", containsString("over the limit"))
                .body("items[0].rawBytes", equalTo(huge.length + 12));
        given().get(live).then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIsAProblem() throws Exception {
        String token = sender(UUID.randomUUID());
        // The gateway answers as soon as it reads the declared length, before the body is sent: ask as
        // a client sending a 21 MB batch does, and read the answer.
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/v1/ingest/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + (21 * 1024 * 1024)
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(utf8(request));
            socket.getOutputStream().flush();
            StringBuilder read = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (!read.toString().endsWith("}") && (n = socket.getInputStream().read(buf)) > 0) {
                read.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            String answer = read.toString();
            org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("application/problem+json"), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("20971520 bytes"), answer);
        }
        given().get(live).then().statusCode(200);
    }

    @Test
    void truncatedCefAndDeepNestingAreDeadLettered() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        String cef = "CEF:0|Vendor|Product|1.0|100|name|5|src=10.0.0.1\nCEF:0|Vendor|Prod\n";
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(cef).post("/api/v1/ingest/raw?format=cef")
                .then().statusCode(202).body("accepted", equalTo(1), "deadLettered", equalTo(1));
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        given().auth().oauth2(token).contentType("application/x-ndjson").body(GOOD + "\n" + deep + "\n")
                .post("/api/v1/ingest/events").then().statusCode(202).body("deadLettered", equalTo(1));
    }

    @Test
    void gzipBodiesAreAccepted() throws Exception {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(utf8((GOOD + "\n").repeat(50)));
        }
        given().auth().oauth2(token).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(zipped.toByteArray()).post("/api/v1/ingest/events")
                .then().statusCode(202).body("accepted", equalTo(50));
    }

    @Test
    void aCorruptOrUnsupportedOrExplodingEncodingIsAProblemNotADroppedConnection() throws Exception {
        String token = sender(UUID.randomUUID());
        byte[] plain = utf8(GOOD + "\n");
        given().auth().oauth2(token).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(plain).post("/api/v1/ingest/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid gzip"));
        given().auth().oauth2(token).contentType("application/x-ndjson").header("Content-Encoding", "br")
                .body(plain).post("/api/v1/ingest/events").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("'br' is not supported"));
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 11; i++) {
                gz.write(zeros);
            }
        }
        given().auth().oauth2(token).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(bomb.toByteArray()).post("/api/v1/ingest/events").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("inflates past"));
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(deflated)) {
            d.write(plain);
        }
        given().auth().oauth2(token).contentType(ContentType.TEXT).header("Content-Encoding", "deflate")
                .body(deflated.toByteArray()).post("/api/v1/ingest/raw?format=json").then().statusCode(202)
                .body("accepted", equalTo(1));
        given().get(live).then().statusCode(200);
    }

    @Test
    void previewShowsParsingAndStoresNothing() {
        UUID tenant = UUID.randomUUID();
        String token = sender(tenant);
        String lines = "<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - 'su root' failed\nnot syslog\n";
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(lines)
                .post("/api/v1/ingest/preview?format=syslog").then().statusCode(200)
                .body("[0].line", equalTo(1), "[0].event.'host.name'", equalTo("mymachine"))
                .body("[1].line", equalTo(2), "[1].error", containsString("timestamp"));
        given().auth().oauth2(token).get("/api/v1/ingest/dead-letters").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body(lines)
                .post("/api/v1/ingest/preview?format=xml").then().statusCode(400)
                .body("detail", containsString("format must be one of"));
    }
}
