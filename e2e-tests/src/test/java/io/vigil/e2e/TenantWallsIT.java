package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.platform.testing.VigilInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second wall, below the API: PostgreSQL row-level security on every table that holds tenant rows, as
 * the services' own migrations left the {@code vigil} database after {@code ./vigil up}. Reads the catalog,
 * so a table or partition added later without its wall fails here without anyone having to remember.
 */
class TenantWallsIT {

    static final String URL = "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("VIGIL_PG_PORT", "55432") + "/vigil";
    static final List<String> SCHEMAS = List.of("tenant", "ingest", "detection", "cases", "reporting");

    @BeforeAll
    static void stack() throws Exception {
        ThinSliceIT.stack(); // the services migrate their schemas when they start
    }

    /**
     * Redis holds the gateway's directory of ingestion keys: whoever could write it could forge a key. Nobody
     * gets in without a password, a wrong one is refused, and a service's own user can read and write streams
     * but not administer Redis.
     */
    @Test
    void redisAdmitsNobodyWithoutItsPasswordAndServicesCannotAdministerIt() throws Exception {
        assertTrue(redis(null, null, "PING").startsWith("-NOAUTH"), "no password, no entry");
        assertTrue(redis("vigil-ingest-gateway", "not-the-password", "PING").startsWith("-WRONGPASS"));
        assertTrue(redis("default", "", "PING").startsWith("-WRONGPASS"), "the default user is off");
        String gateway = VigilInfra.redisPassword("ingest-gateway");
        assertEquals("+PONG", redis("vigil-ingest-gateway", gateway, "PING"));
        for (String[] admin : List.of(new String[] {"CONFIG", "GET", "requirepass"}, new String[] {"KEYS", "*"},
                new String[] {"SAVE"}, new String[] {"ACL", "LIST"}, new String[] {"DEBUG", "SLEEP", "0"})) {
            String answer = redis("vigil-ingest-gateway", gateway, admin);
            assertTrue(answer.startsWith("-NOPERM"), String.join(" ", admin) + " answered " + answer);
        }
        assertTrue(redis("vigil-tenant-service", gateway, "PING").startsWith("-WRONGPASS"),
                "each service has its own password");
        // Keys per service: only the gateway and tenant-service reach the ingestion directory.
        String detection = VigilInfra.redisPassword("detection-service");
        String forged = "vigil:ingest-key:" + "0".repeat(64);
        for (String[] touch : List.of(new String[] {"GET", forged}, new String[] {"SET", forged, "x"},
                new String[] {"HSET", forged, "tenantId", UUID.randomUUID().toString()},
                new String[] {"SET", "vigil:tenant-status:" + UUID.randomUUID(), "ACTIVE"})) {
            String answer = redis("vigil-detection-service", detection, touch);
            assertTrue(answer.startsWith("-NOPERM"), "detection-service: " + String.join(" ", touch) + " answered " + answer);
        }
        assertTrue(redis("vigil-detection-service", detection, "XLEN", "alerts").startsWith(":"), "its streams it reaches");
        assertEquals("$-1", redis("vigil-ingest-gateway", gateway, "GET", forged), "the gateway reads the directory");
        assertTrue(redis("vigil-case-service", VigilInfra.redisPassword("case-service"), "GET", forged).startsWith("-NOPERM"));
    }

    /** One command (after AUTH when a user is given) over RESP; the reply's first line. */
    private static String redis(String user, String password, String... command) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("VIGIL_REDIS_PORT", "56379"));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            java.io.OutputStream out = s.getOutputStream();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (user != null) {
                out.write(resp("AUTH", user, password));
                String auth = in.readLine();
                if (!auth.equals("+OK")) {
                    return auth;
                }
            }
            out.write(resp(command));
            return in.readLine();
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(a)
                    .append("\r\n");
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void everyTableAndPartitionWithTenantRowsHasRowLevelSecurityForced() throws Exception {
        List<String> walled = new ArrayList<>();
        List<String> open = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL, "postgres", "vigil"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("""
                    select n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relispartition
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where c.relkind in ('r', 'p') and n.nspname = any (?::text[])
                      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                                  and not a.attisdropped)
                    order by 1, 2""".replace("?::text[]", "'{" + String.join(",", SCHEMAS) + "}'::text[]"));
            while (rs.next()) {
                String table = rs.getString(1) + "." + rs.getString(2);
                (rs.getBoolean(3) && rs.getBoolean(4) ? walled : open).add(table + (rs.getBoolean(5) ? " (partition)" : ""));
            }
        }
        System.out.println("tenant tables with row-level security forced: " + walled.size() + ", without: " + open);
        assertEquals(List.of(), open, "tenant tables without row-level security forced");
        assertTrue(walled.contains("detection.events_default (partition)"), walled.toString());
        assertTrue(walled.stream().anyMatch(t -> t.startsWith("detection.stream_inbox")), walled.toString());
        assertTrue(walled.stream().anyMatch(t -> t.startsWith("tenant.stream_outbox")), walled.toString());
    }

    @Test
    void theServiceRoleCanNeitherReadNorWriteAnotherTenantsEventsThroughAPartition() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        try (Connection owner = DriverManager.getConnection(URL, "postgres", "vigil"); Statement st = owner.createStatement()) {
            st.execute("insert into detection.events_default (tenant_id, id, ts, received_at, doc) values ('" + theirs + "', '"
                    + UUID.randomUUID() + "', '1999-01-01T00:00:00Z', now(), '{\"secret\":1}')");
        }
        try (Connection app = DriverManager.getConnection(URL, "detection_app", "vigil"); Statement st = app.createStatement()) {
            assertEquals(0, count(st, "select count(*) from detection.events_default where tenant_id = '" + theirs + "'"),
                    "no tenant set: no row");
            st.execute("select set_config('app.tenant_ids', '" + mine + "', false)");
            assertEquals(0, count(st, "select count(*) from detection.events_default where tenant_id = '" + theirs + "'"),
                    "another tenant set: still no row");
            SQLException refused = assertThrows(SQLException.class, () -> st.execute(
                    "insert into detection.events_default (tenant_id, id, ts, received_at, doc) values ('" + theirs + "', '"
                            + UUID.randomUUID() + "', '1999-01-02T00:00:00Z', now(), '{}')"));
            assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
        } finally {
            try (Connection owner = DriverManager.getConnection(URL, "postgres", "vigil"); Statement st = owner.createStatement()) {
                st.execute("delete from detection.events_default where tenant_id = '" + theirs + "'");
            }
        }
    }

    @Test
    void theServiceRoleSeesOnlyItsOwnTenantsRowsInTheOutbox() throws Exception {
        UUID theirs = UUID.randomUUID();
        UUID row = UUID.randomUUID();
        try (Connection owner = DriverManager.getConnection(URL, "postgres", "vigil"); Statement st = owner.createStatement();
                Connection app = DriverManager.getConnection(URL, "cases_app", "vigil"); Statement as = app.createStatement()) {
            st.execute("insert into cases.stream_outbox (id, tenant_id, stream, type, schema_version, occurred_at, payload)"
                    + " values ('" + row + "', '" + theirs + "', 'test.walls', 'test', 1, now(), '{\"secret\":1}')");
            // Held locked, the row is skipped by case-service's relay (it claims with skip locked) while we look.
            owner.setAutoCommit(false);
            assertEquals(1, count(st, "select count(*) from (select 1 from cases.stream_outbox where id = '" + row
                    + "' for update) locked"), "the relay took the row before the test could lock it");
            try {
                assertEquals(0, count(as, "select count(*) from cases.stream_outbox where id = '" + row + "'"),
                        "no tenant set: the request role reads no outbox row");
                as.execute("select set_config('app.tenant_ids', '" + UUID.randomUUID() + "', false)");
                assertEquals(0, count(as, "select count(*) from cases.stream_outbox where id = '" + row + "'"),
                        "another tenant set: still none");
                as.execute("select set_config('app.tenant_ids', '" + theirs + "', false)");
                assertEquals(1, count(as, "select count(*) from cases.stream_outbox where id = '" + row + "'"),
                        "its own tenant's row it reads");
            } finally {
                st.execute("delete from cases.stream_outbox where id = '" + row + "'");
                owner.commit();
            }
        }
    }

    /**
     * In every schema the service's role cannot widen itself to every tenant: '*' reaches none of a tenant's
     * rows, '*' followed by the tenant's id reaches them. And every policy of every schema reads the tenant set
     * once per statement rather than parsing it for each row.
     */
    @Test
    void noServiceRoleCanWidenItselfToEveryTenantAndEveryPolicyReadsTheSetOnce() throws Exception {
        UUID theirs = UUID.randomUUID();
        try (Connection owner = DriverManager.getConnection(URL, "postgres", "vigil"); Statement st = owner.createStatement()) {
            for (String schema : SCHEMAS) {
                st.execute("insert into " + schema + ".stream_inbox (consumer_group, message_id, tenant_id) values ('walls-it', '"
                        + UUID.randomUUID() + "', '" + theirs + "')");
            }
            try {
                for (String schema : SCHEMAS) {
                    try (Connection app = DriverManager.getConnection(URL, schema + "_app", "vigil"); Statement as = app.createStatement()) {
                        String rows = "select count(*) from " + schema + ".stream_inbox where tenant_id = '" + theirs + "'";
                        for (String widening : List.of("*", "*,", "*," + UUID.randomUUID())) {
                            as.execute("select set_config('app.tenant_ids', '" + widening + "', false)");
                            assertEquals(0, count(as, rows), schema + "_app with app.tenant_ids '" + widening + "'");
                        }
                        as.execute("select set_config('app.tenant_ids', '*," + theirs + "', false)");
                        assertEquals(1, count(as, rows), schema + "_app naming the tenant reads its row");
                    }
                }
                List<String> perRow = new ArrayList<>();
                int policies = 0;
                ResultSet rs = st.executeQuery("select schemaname || '.' || tablename || '.' || policyname,"
                        + " coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies where schemaname = any ('{"
                        + String.join(",", SCHEMAS) + "}'::text[])");
                while (rs.next()) {
                    policies++;
                    String expr = rs.getString(2);
                    boolean owners = expr.trim().equals("true") || expr.trim().equals("true true");
                    if (!owners && (!expr.contains("SELECT") || !expr.contains("tenant_scope()") || expr.contains("app.tenant_ids")
                            || expr.contains("tenant_visible("))) {
                        perRow.add(rs.getString(1) + ": " + expr);
                    }
                }
                System.out.println("tenant policies: " + policies + ", reading the tenant set per row: " + perRow.size());
                assertTrue(policies > 50, "policies found: " + policies);
                assertEquals(List.of(), perRow);
            } finally {
                for (String schema : SCHEMAS) {
                    st.execute("delete from " + schema + ".stream_inbox where consumer_group = 'walls-it'");
                }
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
