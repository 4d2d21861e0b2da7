package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The analysts' queue under load on the running stack: the bench seeds its own tenants (100 by default) with
 * 200,000 cases holding 1,000,000 alerts straight into case-service's tables, then a provider analyst who
 * serves every tenant lists the queue (sorted by SLA deadline, the default, with the filters analysts use) at
 * a steady 200 requests/s from this process. Latency is measured from each request's scheduled send time,
 * so a slow answer also counts against the requests queued behind it. The bench deletes what it seeded
 * (unless --keep) and never touches another tenant's rows.
 */
public final class CasesBench {

    /** Why the run does not count, or null. */
    private static String failed;

    private static final String[] STATUSES = {"NEW", "ACKNOWLEDGED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "CONTAINED",
            "RESOLVED"};
    /** Connections the client keeps open: enough that a slow answer does not hold up the next due request. */
    private static final int WORKERS = 32;
    private static final String[] SEVERITIES = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

    public static void main(String[] args) throws Exception {
        int tenants = 100;
        int cases = 200_000;
        int alertsPerCase = 5;
        int rate = 200;
        double seconds = 30;
        boolean keep = false;
        boolean reuse = false;
        double warmup = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tenants" -> tenants = Integer.parseInt(args[++i]);
                case "--cases" -> cases = Integer.parseInt(args[++i]);
                case "--alerts-per-case" -> alertsPerCase = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--keep" -> keep = true;
                case "--reuse" -> reuse = true;
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: ./vigil bench cases [--tenants N] [--cases N] [--alerts-per-case N] [--rate R]
                                                       [--seconds S] [--warmup S] [--keep] [--reuse]
                              seeds N tenants (100) with cases (200,000) and alerts (5 each), lists the queue at R
                              requests/s (200) for S seconds (30) after a warm-up at that rate (10 s), and prints
                              p50/p99 per query shape, CPU per request of each part and peak RSS.
                              --keep leaves the seeded rows in place; --reuse measures rows an earlier --keep left.""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LatencyBench.Identities ids = Bench.identities(http);
        String analyst = ids.user(List.of("soc-tier1"), "/tenants", false);
        String base = Bench.local("VIGIL_CASE_SERVICE_PORT", "8083") + "/api/v1/cases";

        System.out.printf(Locale.ROOT, "Case queue under load (%s)%n", Bench.machine());
        List<UUID> own = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            own.add(UUID.randomUUID());
        }
        try (Connection c = Bench.superuser()) {
            if (reuse) {
                own = kept(c);
                if (own.isEmpty()) {
                    throw new IllegalStateException("--reuse: no rows left by an earlier --keep run");
                }
                keep = true;
                System.out.printf(Locale.ROOT, "  reusing the %d tenants an earlier --keep run seeded%n", own.size());
            } else {
                long t0 = System.nanoTime();
                seed(c, own, cases / tenants, alertsPerCase);
                System.out.printf(Locale.ROOT, "  seeded %d tenants, %,d cases, %,d alerts in %.0f s%n", tenants,
                        (long) cases / tenants * tenants, (long) cases / tenants * tenants * alertsPerCase,
                        (System.nanoTime() - t0) / 1e9);
            }
            try {
                run(base, analyst, own, rate, seconds, warmup);
            } finally {
                if (!keep) {
                    long d0 = System.nanoTime();
                    clean(c, own);
                    System.out.printf(Locale.ROOT, "  removed the bench's rows in %.0f s%n", (System.nanoTime() - d0) / 1e9);
                }
            }
        }
        if (failed != null) {
            System.out.println("  FAILED: " + failed);
            System.exit(1);
        }
    }

    /** The queries analysts run all day: the default queue and its common filters, over every tenant or one. */
    private static List<String> queries(List<UUID> tenants) {
        List<String> q = new ArrayList<>();
        q.add("?limit=50");
        q.add("?status=NEW&limit=50");
        q.add("?status=NEW&status=ACKNOWLEDGED&severity=HIGH&severity=CRITICAL&limit=50");
        q.add("?slaState=AT_RISK&slaState=BREACHED&limit=50");
        q.add("?tier=2&status=IN_PROGRESS&limit=50");
        for (int i = 0; i < 5; i++) {
            q.add("?tenantId=" + tenants.get(i * 17 % tenants.size()) + "&limit=50");
        }
        q.add("?tenantId=" + tenants.get(3 % tenants.size()) + "&status=NEW&limit=25");
        q.add("?sort=priority&minPriority=60&limit=50");
        return q;
    }

    /** One request of the run: which query shape, and when it was due. */
    private record Due(int shape, long at) {
    }

    private static void run(String base, String token, List<UUID> tenants, int rate, double seconds, double warmup)
            throws Exception {
        List<String> queries = queries(tenants);
        URI uri = URI.create(base);
        String headers = "Authorization: Bearer " + token + "\r\n";
        // Warm-up at the measured rate (JIT, plans, caches, pools), not counted: a service in production is warm.
        System.out.printf(Locale.ROOT, "  warming up at %d requests/s for %.0f s%n", rate, warmup);
        drive(uri, headers, queries, rate, (int) (rate * warmup), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        Map<String, Long> before = Bench.stackRssMb();
        Map<String, Long> cpuBefore = Bench.stackCpuMs();
        int count = (int) (rate * seconds);
        Map<Integer, ConcurrentLinkedQueue<Double>> byShape = new ConcurrentHashMap<>();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        System.out.printf(Locale.ROOT, "  %d requests/s for %.0f s, %d query shapes, sorted by SLA deadline%n", rate,
                seconds, queries.size());
        long start = System.nanoTime();
        drive(uri, headers, queries, rate, count, byShape, answers);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> cpuAfter = Bench.stackCpuMs();
        List<Double> sorted = new ArrayList<>();
        byShape.values().forEach(sorted::addAll);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  answers: %s, achieved %.0f requests/s%n", new TreeMap<>(answers), count / elapsed);
        System.out.printf(Locale.ROOT, "  latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
        for (int q = 0; q < queries.size(); q++) {
            List<Double> one = new ArrayList<>(byShape.getOrDefault(q, new ConcurrentLinkedQueue<>()));
            Collections.sort(one);
            System.out.printf(Locale.ROOT, "    p50 %7.1f  p99 %7.1f  %s%n", pct(one, 0.5), pct(one, 0.99),
                    queries.get(q).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<tenant>"));
        }
        StringBuilder cpu = new StringBuilder();
        for (var part : cpuAfter.entrySet()) {
            double per = (part.getValue() - cpuBefore.getOrDefault(part.getKey(), 0L)) / (double) count;
            if (per >= 0.05) {
                cpu.append(String.format(Locale.ROOT, ", %s %.1f", part.getKey(), per));
            }
        }
        System.out.println("  CPU ms per request" + (cpu.length() == 0 ? ": none measured" : ":" + cpu.substring(1)));
        System.out.printf(Locale.ROOT, "  peak RSS: bench %d MB, case-service %d MB%n", Bench.peakRssMb(),
                Bench.stackPeakRssMb("case-service"));
        if (answers.keySet().stream().anyMatch(k -> !k.equals("200"))) {
            failed = "not every request was answered 200: " + new TreeMap<>(answers);
        }
        Map<String, Long> after = Bench.stackRssMb();
        for (var part : after.entrySet()) {
            Long was = before.get(part.getKey());
            System.out.printf(Locale.ROOT, "  RSS %-18s %5d MB -> %5d MB%n", part.getKey(), was == null ? 0 : was,
                    part.getValue());
        }
    }

    /**
     * Sends {@code count} requests at {@code rate} per second, open loop: each is due at its own instant and its
     * latency runs from then, so a slow answer also counts against the requests queued behind it. Workers on
     * kept-alive connections take the due requests in order.
     */
    private static void drive(URI uri, String headers, List<String> queries, int rate, int count,
            Map<Integer, ConcurrentLinkedQueue<Double>> byShape, Map<String, Integer> answers) throws Exception {
        java.util.concurrent.BlockingQueue<Due> due = new java.util.concurrent.LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(count);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(() -> {
                try (LeanHttp http = new LeanHttp(uri)) {
                    while (true) {
                        Due d = due.take();
                        if (d.shape() < 0) {
                            return;
                        }
                        String answer;
                        try {
                            answer = String.valueOf(http.get(uri.getPath() + queries.get(d.shape()), headers));
                        } catch (java.io.IOException e) {
                            answer = "failed";
                        }
                        byShape.computeIfAbsent(d.shape(), k -> new ConcurrentLinkedQueue<>())
                                .add((System.nanoTime() - d.at()) / 1e6);
                        answers.merge(answer, 1, Integer::sum);
                        done.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-client-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long at = start + i * period;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            due.add(new Due(i % queries.size(), at));
        }
        done.await();
        for (int w = 0; w < WORKERS; w++) {
            due.add(new Due(-1, 0));
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    /**
     * Cases spread over the statuses (most closed, as in a real queue's history), severities, tiers and SLA
     * states, each with its alerts; one statement per tenant keeps the transaction small.
     */
    private static void seed(Connection c, List<UUID> tenants, int perTenant, int alertsPerCase) throws Exception {
        String cases = "insert into cases.cases (id, tenant_id, number, title, severity, severity_rank, priority,"
                + " priority_factors, status, tier, owner_party, grouping_key, alert_count, rule_id, hosts, first_activity_at,"
                + " last_activity_at, created_at, updated_at, acknowledged_at, closed_at, classification, sla_state,"
                + " sla_due_at, sla_urgency)"
                + " select gen_random_uuid(), ?::uuid, n, 'Bench case ' || n, sev, rank, (n * 37) % 101, '[]', st,"
                + " 1 + n % 3, 'PROVIDER', 'bench:' || n, ?, 'bench-rule-' || n % 40, array['ws-' || n % 500], at, at,"
                + " at, at, case when st = 'NEW' then null else at end, case when st = 'CLOSED' then at end,"
                + " case when st = 'CLOSED' then 'TRUE_POSITIVE' end, sla, case when sla in ('ON_TRACK', 'AT_RISK',"
                + " 'BREACHED') then at + interval '4 hours' end, case when sla in ('ON_TRACK', 'AT_RISK', 'BREACHED')"
                + " then -extract(epoch from at + interval '4 hours')::bigint else -9223372036854775807 end"
                + " from (select n, now() - n * interval '3 minutes' as at,"
                + " (array['INFORMATIONAL','LOW','MEDIUM','HIGH','CRITICAL'])[1 + n % 5] as sev, n % 5 as rank,"
                + " case when n % 10 < 7 then 'CLOSED' else (array['NEW','ACKNOWLEDGED','IN_PROGRESS',"
                + "'WAITING_ON_CUSTOMER','CONTAINED','RESOLVED'])[1 + n % 6] end as st,"
                + " case when n % 10 < 7 then 'MET' else (array['ON_TRACK','AT_RISK','BREACHED'])[1 + n % 3] end as sla"
                + " from generate_series(1, ?) n) s";
        String alerts = "insert into cases.alerts (id, tenant_id, rule_id, title, severity, detected_at, received_at,"
                + " payload, status, verdict, case_id)"
                + " select gen_random_uuid(), k.tenant_id, k.rule_id, k.title, k.severity, k.created_at, k.created_at,"
                + " jsonb_build_object('kind', 'sigma', 'ruleId', k.rule_id, 'eventId', gen_random_uuid(), 'entities',"
                + " jsonb_build_object('host', k.hosts[1])), case when k.status = 'CLOSED' then 'CLOSED' else 'NEW' end,"
                + " case when k.status = 'CLOSED' then 'TRUE_POSITIVE' end, k.id"
                + " from cases.cases k, generate_series(1, ?) a where k.tenant_id = ?::uuid";
        c.setAutoCommit(false);
        int done = 0;
        for (UUID t : tenants) {
            try (PreparedStatement p = c.prepareStatement(cases)) {
                p.setString(1, t.toString());
                p.setInt(2, alertsPerCase);
                p.setInt(3, perTenant);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(alerts)) {
                p.setInt(1, alertsPerCase);
                p.setString(2, t.toString());
                p.executeUpdate();
            }
            c.commit();
            if (++done % 10 == 0) {
                System.out.printf(Locale.ROOT, "  seeding: %d of %d tenants%n", done, tenants.size());
            }
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) { // as autovacuum would, before anyone reads the queue
            s.execute("vacuum analyze cases.cases");
            s.execute("vacuum analyze cases.alerts");
        }
    }

    /** The tenants whose cases a --keep run left (their grouping keys name the bench). */
    private static List<UUID> kept(Connection c) throws Exception {
        List<UUID> t = new ArrayList<>();
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("select distinct tenant_id from cases.cases where grouping_key = 'bench:1'")) {
            while (rs.next()) {
                t.add(UUID.fromString(rs.getString(1)));
            }
        }
        return t;
    }

    private static void clean(Connection c, List<UUID> tenants) throws Exception {
        String list = String.join(",", tenants.stream().map(UUID::toString).toList());
        try (PreparedStatement p = c.prepareStatement("delete from cases.alerts where tenant_id = any (string_to_array(?, ',')::uuid[])")) {
            p.setString(1, list);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("delete from cases.cases where tenant_id = any (string_to_array(?, ',')::uuid[])")) {
            p.setString(1, list);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement()) { // the dead rows reclaimed now, not by autovacuum during the next run
            s.execute("vacuum analyze cases.alerts");
            s.execute("vacuum analyze cases.cases");
        }
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
