package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reports from reporting-service's read model on the running stack: the bench seeds its own tenants straight
 * into the read model (one tenant with 100,000 cases of last month holding 1,000,000 alerts, and 99 more with
 * 1,000 cases each, every case with its acknowledge, contain and resolve clocks), then times a month's figures
 * of the large tenant and the provider's SLA overview over every tenant, as the SOC manager asks for them, and
 * the large tenant's monthly report (generated with its PDF and stored, then downloaded). It
 * deletes what it seeded (unless --keep) and never touches another tenant's rows.
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        int tenants = 100;
        int cases = 100_000;
        int otherCases = 1_000;
        int alertsPerCase = 10;
        int runs = 10;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tenants" -> tenants = Integer.parseInt(args[++i]);
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--other-cases" -> otherCases = Integer.parseInt(args[++i]);
                case "--alerts-per-case" -> alertsPerCase = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: ./vigil bench report [--tenants N] [--cases N] [--other-cases N]
                                                        [--alerts-per-case N] [--runs N] [--keep]
                              seeds N tenants (100) into reporting's read model: one with --cases (100,000) of last
                              month holding --alerts-per-case (10) alerts each, the others --other-cases (1,000)
                              each; asks for the large tenant's month, the provider's SLA overview, the large
                              tenant's compliance views and ATT&CK matrix, its monthly report (generated with its
                              PDF) and its PDF --runs (10) times each
                              after two warm-up requests, and prints median and slowest answer times, and peak
                              RSS. --keep leaves the seeded rows in place.""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LatencyBench.Identities ids = Bench.identities(http);
        String manager = ids.user(List.of("soc-manager"), "/tenants", false);
        String base = Bench.local("VIGIL_REPORTING_SERVICE_PORT", "8084") + "/api/v1/reports";
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_REDIS_PORT", "56379"));

        System.out.printf(Locale.ROOT, "Reports from the read model (%s)%n", Bench.machine());
        List<UUID> own = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            own.add(UUID.randomUUID());
        }
        boolean ok;
        try (Connection c = Bench.superuser()) {
            long t0 = System.nanoTime();
            seed(c, own, month, cases, otherCases, alertsPerCase);
            // Known to every service's tenant directory, as tenant-service makes a tenant known at its creation:
            // provider-wide callers see only the tenants it names. Wait out the directory's 10 s cache.
            List<String> add = new ArrayList<>(List.of("SADD", "vigil:tenants"));
            own.forEach(t -> add.add(t.toString()));
            IngestBench.resp(redisPort, add.toArray(String[]::new));
            Thread.sleep(11_000);
            long total = cases + (long) otherCases * (tenants - 1);
            System.out.printf(Locale.ROOT, "  seeded %d tenants, %,d cases (%,d in the large tenant), %,d clocks, %,d alerts"
                    + " in %.0f s%n", tenants, total, cases, total * 3, total * alertsPerCase, (System.nanoTime() - t0) / 1e9);
            final int large = cases;
            final UUID last = own.get(tenants - 1);
            try {
                String monthly = base + "/tenants/" + own.get(0) + "/metrics?month=" + month;
                String overview = base + "/sla-overview?month=" + month;
                ok = time(http, manager, "monthly figures, one tenant, " + String.format(Locale.ROOT, "%,d", cases)
                        + " cases", monthly, runs, body -> body.contains("\"cases\":" + large + ","));
                ok &= time(http, manager, "SLA overview, " + tenants + "+ tenants", overview, runs,
                        body -> body.contains(last.toString()));
                String views = base + "/tenants/" + own.get(0);
                ok &= time(http, manager, "compliance views (NIST CSF, ISO 27001)", views + "/compliance?month=" + month,
                        runs, body -> body.contains("\"A.5.28\""));
                ok &= time(http, manager, "ATT&CK matrix of the month", views + "/attack?month=" + month, runs,
                        body -> body.contains("\"cases\":" + large + ","));
                // The monthly report: the figures above, the month's incidents and log sources, its PDF, stored.
                String report = base + "/tenants/" + own.get(0) + "/monthly/" + month;
                ok &= time(http, manager, "monthly report generated with its PDF", report, runs, "POST",
                        body -> body.contains("\"incidentCount\":"));
                ok &= time(http, manager, "monthly report PDF downloaded", report + ".pdf", runs, "GET",
                        body -> body.startsWith("%PDF"));
            } finally {
                if (!keep) {
                    clean(c, own);
                    List<String> rem = new ArrayList<>(List.of("SREM", "vigil:tenants"));
                    own.forEach(t -> rem.add(t.toString()));
                    IngestBench.resp(redisPort, rem.toArray(String[]::new));
                }
            }
        }
        System.out.printf(Locale.ROOT, "  peak RSS: reporting-service %d MB, bench %d MB%n",
                Bench.stackPeakRssMb("reporting-service"), Bench.peakRssMb());
        if (!ok) {
            System.out.println("  FAILED: an answer did not hold the seeded figures");
            System.exit(1);
        }
    }

    private static boolean time(HttpClient http, String token, String what, String url, int runs,
            java.util.function.Predicate<String> holds) throws Exception {
        return time(http, token, what, url, runs, "GET", holds);
    }

    private static boolean time(HttpClient http, String token, String what, String url, int runs, String method,
            java.util.function.Predicate<String> holds) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        boolean ok = true;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 || !holds.test(r.body())) {
                System.out.println("  " + what + ": answer " + r.statusCode() + " " + r.body().substring(0,
                        Math.min(300, r.body().length())));
                ok = false;
            }
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - t) / 1e6);
            ok &= r.statusCode() / 100 == 2;
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "  %-45s median %6.0f ms, slowest %6.0f ms (%d runs)%n", what,
                ms.get(ms.size() / 2), ms.get(ms.size() - 1), runs);
        return ok;
    }

    private static void seed(Connection c, List<UUID> tenants, YearMonth month, int cases, int otherCases,
            int alertsPerCase) throws Exception {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long seconds = month.lengthOfMonth() * 86_400L;
        String facts = "insert into reporting.tenant_facts (tenant_id, name, slug, status, soc_model, time_zone, updated_at)"
                + " values (?::uuid, ?, ?, 'ACTIVE', 'MANAGED', 'UTC', now())";
        String caseRows = "insert into reporting.case_facts (case_id, tenant_id, number, title, severity, priority,"
                + " priority_label, status, tier, owner_party, rule_id, tactics, hosts, alert_count, first_activity_at,"
                + " created_at, acknowledged_at, contained_at, resolved_at, closed_at, classification, version, changed_at)"
                + " select gen_random_uuid(), ?::uuid, n, 'Bench case ' || n,"
                + " (array['INFORMATIONAL','LOW','MEDIUM','HIGH','CRITICAL'])[1 + n % 5], (n * 37) % 101,"
                + " (array['P1','P2','P3','P4'])[1 + n % 4],"
                + " case when n % 10 < 7 then 'CLOSED' when n % 10 < 9 then 'RESOLVED' else 'IN_PROGRESS' end,"
                + " 1 + n % 3, 'PROVIDER', 'bench-rule-' || n % 40, array['execution'], array['ws-' || n % 500], ?,"
                + " at - (1 + n % 30) * interval '1 minute', at, at + (n % 60) * interval '1 minute',"
                + " case when n % 3 = 0 then at + (n % 240) * interval '1 minute' end,"
                + " case when n % 10 in (7, 8) then at + interval '5 hours' end,"
                + " case when n % 10 < 7 then at + (n % 600) * interval '1 minute' end,"
                + " case when n % 10 < 7 then (array['TRUE_POSITIVE','FALSE_POSITIVE','BENIGN_POSITIVE'])[1 + n % 3] end,"
                + " 1, at from (select n, ?::timestamptz + (n * ?::double precision) * interval '1 second' as at"
                + " from generate_series(1, ?) n) s";
        String clockRows = "insert into reporting.clock_facts (clock_id, tenant_id, case_id, case_number, severity, family,"
                + " kind, target_minutes, counting, state, late, started_at, case_opened_at, due_at, stopped_at,"
                + " counted_minutes, paused_minutes, announced_at) select gen_random_uuid(), tenant_id, case_id, number,"
                + " severity, 'SLA', k.kind, k.target, 'ALWAYS', case when number % 10 = 0 then 'BREACHED' else 'MET' end,"
                + " number % 20 = 0, created_at, created_at, created_at + k.target * interval '1 minute',"
                + " created_at + interval '10 minutes', 10, number % 7, created_at from reporting.case_facts"
                + " cross join (values ('ACKNOWLEDGE', 15), ('CONTAIN', 240), ('RESOLVE', 1440)) k(kind, target)"
                + " where tenant_id = ?::uuid";
        c.setAutoCommit(false);
        try (PreparedStatement f = c.prepareStatement(facts); PreparedStatement cs = c.prepareStatement(caseRows);
                PreparedStatement ks = c.prepareStatement(clockRows)) {
            for (int i = 0; i < tenants.size(); i++) {
                int n = i == 0 ? cases : otherCases;
                f.setString(1, tenants.get(i).toString());
                f.setString(2, "Bench tenant " + i);
                f.setString(3, "bench-" + tenants.get(i));
                f.executeUpdate();
                cs.setString(1, tenants.get(i).toString());
                cs.setInt(2, alertsPerCase);
                cs.setObject(3, java.time.OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
                cs.setDouble(4, (double) (seconds - 1) / n);
                cs.setInt(5, n);
                cs.executeUpdate();
                ks.setString(1, tenants.get(i).toString());
                ks.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("analyze reporting.case_facts");
            s.execute("analyze reporting.clock_facts");
            s.execute("analyze reporting.tenant_facts");
        }
    }

    private static void clean(Connection c, List<UUID> tenants) throws Exception {
        String list = String.join(",", tenants.stream().map(UUID::toString).toList());
        for (String table : List.of("monthly_reports", "clock_facts", "case_facts", "tenant_facts")) {
            try (PreparedStatement p = c.prepareStatement("delete from reporting." + table
                    + " where tenant_id = any (string_to_array(?, ',')::uuid[])")) {
                p.setString(1, list);
                p.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze reporting.clock_facts");
            s.execute("vacuum analyze reporting.case_facts");
        }
    }
}
