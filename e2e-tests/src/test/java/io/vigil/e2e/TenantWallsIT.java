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

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
