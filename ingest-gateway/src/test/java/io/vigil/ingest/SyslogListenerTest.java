package io.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.platform.streams.EventStreams;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Devices that only speak syslog: TCP (octet counting and newline framing) and UDP listeners. */
@QuarkusTest
@TestProfile(SyslogListenerTest.Listeners.class)
class SyslogListenerTest {

    static final String PORT_KEY = "vgl_syslogTestKeyBoundToAPort0000000000001";
    static final String UDP_KEY = "vgl_syslogTestKeyBoundToUdp00000000000000002";

    /** A self-signed server certificate, made with the JDK's keytool. */
    static final java.nio.file.Path KEYSTORE = keystore();

    static java.nio.file.Path keystore() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("vigil-tls");
            java.nio.file.Path ks = dir.resolve("syslog.p12");
            String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "syslog", "-keyalg", "RSA", "-keysize",
                    "2048", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(new String(p.getInputStream().readAllBytes()));
            }
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    public static class Listeners implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "vigil.ingest.syslog-listeners.tls.port", "15517",
                    "vigil.ingest.syslog-listeners.tls.api-key", PORT_KEY,
                    "vigil.ingest.syslog-listeners.tls.tls-keystore", KEYSTORE.toString(),
                    "vigil.ingest.syslog-listeners.tls.tls-keystore-password", "changeit"));
            config.putAll(Map.of(
                    "vigil.ingest.syslog-listeners.firewall.port", "15514",
                    "vigil.ingest.syslog-listeners.firewall.api-key", PORT_KEY,
                    "vigil.ingest.syslog-listeners.shared.port", "15515",
                    "vigil.ingest.syslog-listeners.datagrams.port", "15516",
                    "vigil.ingest.syslog-listeners.datagrams.protocol", "udp",
                    "vigil.ingest.syslog-listeners.datagrams.api-key", UDP_KEY));
            return config;
        }
    }

    @Inject
    RedisDataSource redis;
    @Inject
    EventStreams streams;

    UUID portTenant;
    UUID udpTenant;

    @BeforeEach
    void keys() {
        portTenant = issue(PORT_KEY);
        udpTenant = issue(UDP_KEY);
    }

    UUID issue(String key) {
        UUID tenant = UUID.randomUUID();
        redis.hash(String.class).hset(ApiKeys.KEY_ENTRY + ApiKeys.hash(key), Map.of("tenantId", tenant.toString(),
                "keyId", UUID.randomUUID().toString()));
        redis.value(String.class).set(ApiKeys.TENANT_STATUS + tenant, "ACTIVE");
        return tenant;
    }

    @Test
    void tcpFramesOfBothKindsBecomeEventsOfTheListenersTenant() throws Exception {
        String a = "<34>1 2026-11-24T10:00:00.000Z fw01 sshd 42 - - Failed password for root from 203.0.113.9";
        String b = "<13>Nov 24 10:00:01 fw01 kernel: link up";
        String c = "<34>1 2026-11-24T10:00:02.000Z fw01 sshd 43 - - Accepted password for alice";
        try (Socket s = new Socket("127.0.0.1", 15514)) {
            OutputStream out = s.getOutputStream();
            byte[] octet = a.getBytes(StandardCharsets.UTF_8);
            out.write((octet.length + " ").getBytes(StandardCharsets.US_ASCII)); // RFC 6587 octet counting
            out.write(octet);
            out.write((b + "\n").getBytes(StandardCharsets.UTF_8)); // newline framing
            out.write("not syslog at all\n".getBytes(StandardCharsets.UTF_8));
            out.write((c.length() + " " + c).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        List<JsonNode> events = await(portTenant, 3);
        assertEquals(3, events.size(), events.toString());
        assertEquals("sshd", events.get(0).path("process.name").asText());
        assertEquals("fw01", events.get(1).path("host.name").asText());
        assertTrue(events.get(2).path("message").asText().contains("alice"));
    }

    @Test
    void onASharedListenerEachMessageNamesItsKey() throws Exception {
        String key = "vgl_syslogSharedListenerKey000000000000000" + UUID.randomUUID().toString().substring(0, 4);
        UUID tenant = issue(key);
        try (Socket s = new Socket("127.0.0.1", 15515)) {
            OutputStream out = s.getOutputStream();
            out.write(("<34>1 2026-11-24T10:00:00.000Z web01 nginx - - [vigil key=\"" + key + "\"] GET /admin\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write("<34>1 2026-11-24T10:00:00.000Z web01 nginx - - - no key here\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        List<JsonNode> events = await(tenant, 1);
        assertEquals(1, events.size());
        assertTrue(events.get(0).path("message").asText().contains("GET /admin"));
    }

    @Test
    void tlsListenerTakesMessagesOverAnEncryptedConnection() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        String m = "<34>1 2026-11-24T10:00:00.000Z fw02 sshd 7 - - over TLS";
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", 15517)) {
            s.startHandshake();
            s.getOutputStream().write((m.length() + " " + m).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        }
        List<JsonNode> events = await(portTenant, 1);
        assertEquals(1, events.size());
        assertEquals("over TLS", events.get(0).path("message").asText());
    }

    @Test
    void udpDatagramsAreOneMessageEach() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < 3; i++) {
                byte[] m = ("<14>1 2026-11-24T10:00:0" + i + ".000Z sw01 snmpd - - - trap " + i).getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(m, m.length, InetAddress.getLoopbackAddress(), 15516));
            }
        }
        assertEquals(3, await(udpTenant, 3).size());
    }

    private List<JsonNode> await(UUID tenant, int expected) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonNode> events = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            events.clear();
            for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                    .xrange(streams.streamFor(tenant), StreamRange.of("-", "+"))) {
                if (tenant.toString().equals(m.payload().get("tenantId"))) {
                    for (String line : m.payload().get("payload").split("\n")) {
                        events.add(mapper.readTree(line));
                    }
                }
            }
            if (events.size() >= expected) {
                Thread.sleep(300); // and no more
                return events;
            }
            Thread.sleep(100);
        }
        return events;
    }
}
