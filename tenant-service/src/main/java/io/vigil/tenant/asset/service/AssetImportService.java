package io.vigil.tenant.asset.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.tenant.asset.Asset;
import io.vigil.tenant.asset.importing.AssetDraft;
import io.vigil.tenant.asset.importing.AssetRows;
import io.vigil.tenant.asset.importing.Csv;
import io.vigil.tenant.asset.importing.ImportReport;
import io.vigil.tenant.asset.repository.AssetRepository;
import io.vigil.tenant.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Bulk import of a client's inventory (CSV or JSON): thousands of rows in one transaction, upserted by
 * host name so that importing the same file again changes nothing. Bad rows are reported and skipped, or,
 * with {@code allOrNothing}, make the whole import fail with nothing written.
 */
@ApplicationScoped
public class AssetImportService {

    public static final int MAX_ROWS = 50_000;

    private final AssetRepository assets;
    private final AssetService service;
    private final AuditTrail audit;
    private final EntityManager em;
    private final ObjectMapper json;
    private final AssetDirectory directory;

    public AssetImportService(AssetRepository assets, AssetService service, AuditTrail audit, EntityManager em,
            ObjectMapper json, AssetDirectory directory) {
        this.directory = directory;
        this.assets = assets;
        this.service = service;
        this.audit = audit;
        this.em = em;
        this.json = json;
    }

    public List<AssetRows.Checked> fromCsv(String text) {
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (Csv.MalformedCsv e) {
            throw new ProblemException.BadRequest("the CSV cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new ProblemException.BadRequest("the CSV is empty: its first line must name the columns");
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<Problem.FieldError> bad = new ArrayList<>();
        for (String h : header) {
            if (!AssetRows.COLUMNS.contains(h)) {
                bad.add(new Problem.FieldError(h, "unknown column; known: " + String.join(", ",
                        AssetRows.COLUMNS.stream().sorted().toList())));
            }
        }
        if (!header.contains("hostname") || !header.contains("criticality")) {
            bad.add(new Problem.FieldError("header", "the columns hostname and criticality are required"));
        }
        if (!bad.isEmpty()) {
            throw new ProblemException.Unprocessable("the CSV header is not valid", bad);
        }
        checkSize(rows.size() - 1);
        List<AssetRows.Checked> out = new ArrayList<>(rows.size());
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() != header.size()) {
                out.add(new AssetRows.Checked(r.line(), null, List.of(new AssetRows.RowError(r.line(), "row",
                        "has " + r.fields().size() + " fields, the header has " + header.size()))));
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.fields().get(i));
            }
            out.add(AssetRows.check(r.line(), row));
        }
        return out;
    }

    public List<AssetRows.Checked> fromJson(String text) {
        List<Map<String, Object>> items;
        try {
            items = json.readValue(text, new TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new ProblemException.BadRequest("the body must be a JSON array of asset objects (hostname, criticality ...)");
        } catch (JsonProcessingException e) {
            throw new ProblemException.BadRequest("the body must be a JSON array of assets: "
                    + io.vigil.platform.errors.ProblemMapper.scrub(e.getOriginalMessage()));
        }
        if (items == null) {
            throw new ProblemException.BadRequest("the body must be a JSON array of assets");
        }
        checkSize(items.size());
        List<AssetRows.Checked> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i) == null ? Map.of() : normaliseKeys(items.get(i));
            out.add(AssetRows.check(i + 1, item));
        }
        return out;
    }

    @Transactional
    public ImportReport importRows(UUID requestedTenant, List<AssetRows.Checked> rows, boolean dryRun,
            boolean allOrNothing) {
        UUID tenantId = service.targetTenant(requestedTenant);
        List<AssetRows.RowError> errors = new ArrayList<>();
        Map<String, AssetDraft> drafts = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (AssetRows.Checked c : rows) {
            if (!c.ok()) {
                errors.addAll(c.errors());
                continue;
            }
            String key = c.draft().hostname().toLowerCase(Locale.ROOT);
            Integer earlier = firstLine.putIfAbsent(key, c.line());
            if (earlier != null) {
                errors.add(new AssetRows.RowError(c.line(), "hostname", "'" + c.draft().hostname()
                        + "' is already on line " + earlier));
                continue;
            }
            drafts.put(key, c.draft());
        }
        Set<Integer> rejectedLines = new HashSet<>();
        errors.forEach(e -> rejectedLines.add(e.line()));
        if (allOrNothing && !errors.isEmpty()) {
            throw new ProblemException.Unprocessable(rejectedLines.size() + " of " + rows.size()
                    + " rows are not valid; nothing was imported", errors.stream()
                    .map(e -> new Problem.FieldError("line " + e.line() + ": " + e.field(), e.reason())).toList());
        }
        Map<String, Asset> existing = assets.byHostname(tenantId);
        List<Asset> toInsert = new ArrayList<>();
        List<Asset> toUpdate = new ArrayList<>();
        int unchanged = 0;
        Instant now = Instant.now();
        for (Map.Entry<String, AssetDraft> e : drafts.entrySet()) {
            Asset current = existing.get(e.getKey());
            if (current == null) {
                Asset a = new Asset();
                a.id = UUID.randomUUID();
                a.tenantId = tenantId;
                e.getValue().applyTo(a);
                a.createdAt = now;
                a.updatedAt = now;
                toInsert.add(a);
            } else if (e.getValue().sameAs(current)) {
                unchanged++;
            } else {
                em.detach(current);
                e.getValue().applyTo(current);
                current.updatedAt = now;
                toUpdate.add(current);
            }
        }
        ImportReport report = new ImportReport(rows.size(), toInsert.size(), toUpdate.size(), unchanged,
                rejectedLines.size(), dryRun, errors);
        if (!dryRun) {
            em.unwrap(Session.class).doWork(conn -> write(conn, toInsert, toUpdate));
            Map<String, Asset> after = new HashMap<>(existing);
            toUpdate.forEach(a -> after.put(a.hostname.toLowerCase(Locale.ROOT), a));
            toInsert.forEach(a -> after.put(a.hostname.toLowerCase(Locale.ROOT), a));
            directory.replaceAll(tenantId, after.values());
            audit.record(tenantId, "asset", "import", "imported", new ImportReport(report.rows(), report.created(),
                    report.updated(), report.unchanged(), report.rejected(), false, List.of()));
        }
        return report;
    }

    private static void write(Connection conn, List<Asset> inserts, List<Asset> updates) throws SQLException {
        try (PreparedStatement ins = conn.prepareStatement("insert into assets (id, tenant_id, hostname, fqdn,"
                + " addresses, criticality, owner, environment, cloud_account_id, tags, created_at, updated_at, version)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            for (Asset a : inserts) {
                ins.setObject(1, a.id);
                ins.setObject(2, a.tenantId);
                bindFields(conn, ins, a, 3);
                ins.setTimestamp(11, Timestamp.from(a.createdAt));
                ins.setTimestamp(12, Timestamp.from(a.updatedAt));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (PreparedStatement upd = conn.prepareStatement("update assets set hostname = ?, fqdn = ?, addresses = ?,"
                + " criticality = ?, owner = ?, environment = ?, cloud_account_id = ?, tags = ?, updated_at = ?,"
                + " version = version + 1 where id = ?")) {
            for (Asset a : updates) {
                bindFields(conn, upd, a, 1);
                upd.setTimestamp(9, Timestamp.from(a.updatedAt));
                upd.setObject(10, a.id);
                upd.addBatch();
            }
            upd.executeBatch();
        }
        try (PreparedStatement del = conn.prepareStatement("delete from asset_networks where asset_id = ?")) {
            for (Asset a : updates) {
                del.setObject(1, a.id);
                del.addBatch();
            }
            del.executeBatch();
        }
        try (PreparedStatement net = conn.prepareStatement(
                "insert into asset_networks (asset_id, tenant_id, network) values (?, ?, cast(? as cidr))")) {
            for (List<Asset> group : List.of(inserts, updates)) {
                for (Asset a : group) {
                    for (String address : a.addresses) {
                        net.setObject(1, a.id);
                        net.setObject(2, a.tenantId);
                        net.setString(3, address);
                        net.addBatch();
                    }
                }
            }
            net.executeBatch();
        }
    }

    private static void bindFields(Connection conn, PreparedStatement ps, Asset a, int from) throws SQLException {
        ps.setString(from, a.hostname);
        ps.setString(from + 1, a.fqdn);
        ps.setArray(from + 2, conn.createArrayOf("text", a.addresses.toArray()));
        ps.setString(from + 3, a.criticality.name());
        ps.setString(from + 4, a.owner);
        ps.setString(from + 5, a.environment);
        ps.setString(from + 6, a.cloudAccountId);
        ps.setArray(from + 7, conn.createArrayOf("text", a.tags.toArray()));
    }

    private static void checkSize(int n) {
        if (n > MAX_ROWS) {
            throw new ProblemException.PayloadTooLarge("an import holds at most " + MAX_ROWS + " rows; this one has "
                    + n + ": split the file");
        }
    }

    /** JSON imports may use cloudAccountId as the API does, or cloud_account_id as the CSV does. */
    private static Map<String, Object> normaliseKeys(Map<String, Object> item) {
        Map<String, Object> out = new HashMap<>(item);
        if (out.containsKey("cloudAccountId")) {
            out.put("cloud_account_id", out.remove("cloudAccountId"));
        }
        return out;
    }
}
