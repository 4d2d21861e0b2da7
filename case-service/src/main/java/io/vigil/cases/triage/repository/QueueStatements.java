package io.vigil.cases.triage.repository;

import io.vigil.cases.alert.Alert;
import io.vigil.cases.triage.Case;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGStatement;

/**
 * The queue's one statement: a page of cases and how many the filter admits (counted up to a cap), in one
 * round trip, read straight into rows without the ORM.
 */
public final class QueueStatements {

    private static final String COLUMNS = "id, tenant_id, number, title, description, severity, severity_reason,"
            + " priority, priority_factors::text, status, tier, assignee, owner_party, labels, techniques, tactics, hosts,"
            + " rule_id, alert_count, first_activity_at, last_activity_at, created_at, updated_at, acknowledged_at,"
            + " contained_at, resolved_at, closed_at, classification, classification_reason, root_cause,"
            + " closing_comment, sla_state, sla_due_at, sla_urgency, severity_rank, version";

    /** The rows of one page and the capped count. */
    public record Result(List<Case> rows, long counted) {
    }

    private QueueStatements() {
    }

    static Result run(Connection conn, String tenantSetting, CaseFilter f, CaseRepository.Sort sort, Object afterKey,
            UUID afterId, int limit, int countCap) throws SQLException {
        List<Object> where = new ArrayList<>();
        String condition = where(tenantSetting, f, where);
        List<Object> params = new ArrayList<>(where);
        StringBuilder page = new StringBuilder("select ").append(COLUMNS).append(" from cases c where ").append(condition);
        if (afterKey != null) {
            page.append(" and (").append(column(sort)).append(" < ? or (").append(column(sort)).append(" = ? and c.id < ?))");
            params.add(afterKey);
            params.add(afterKey);
            params.add(afterId);
        }
        String order = " order by " + column(sort) + " desc, id desc";
        page.append(order).append(" limit ?");
        params.add(limit);
        params.addAll(where);
        params.add(countCap + 1);
        // Unordered and capped, the count stops after cap + 1 rows instead of visiting every match.
        String sql = "with page as (" + page + "), total as (select count(*) as counted from (select 1 from cases c where "
                + condition + " limit ?) admitted) select page.*, total.counted from total left join page on true"
                + " order by " + outer(sort) + " desc, page.id desc";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            // Planned for each call's values: a generic plan cannot know the limits or which tenants and
            // statuses are asked for, and measured at ten times the cost of a custom one.
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            for (int i = 0; i < params.size(); i++) {
                bind(conn, ps, i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Case> rows = new ArrayList<>(limit);
                long counted = 0;
                while (rs.next()) {
                    counted = rs.getLong("counted");
                    if (rs.getObject(1) != null) {
                        rows.add(row(rs));
                    }
                }
                return new Result(rows, counted);
            }
        }
    }

    private static String column(CaseRepository.Sort sort) {
        return switch (sort) {
            case SLA -> "sla_urgency";
            case PRIORITY -> "priority";
            case SEVERITY -> "(severity_rank * 1000 + priority)";
            case CREATED -> "created_at";
            case UPDATED -> "updated_at";
        };
    }

    private static String outer(CaseRepository.Sort sort) {
        return sort == CaseRepository.Sort.SEVERITY ? "(page.severity_rank * 1000 + page.priority)" : "page." + column(sort);
    }

    private static String where(String tenantSetting, CaseFilter f, List<Object> p) {
        // The service's own tenant wall, as the ORM's tenant filter adds it; row-level security is the second.
        StringBuilder q = new StringBuilder("(case when ?::text = '*' then true when ?::text = '' then false"
                + " else c.tenant_id = any (string_to_array(?::text, ',')::uuid[]) end)");
        p.add(tenantSetting);
        p.add(tenantSetting);
        p.add(tenantSetting);
        anyOf(q, p, "c.tenant_id", f.tenantIds() == null ? List.of() : List.copyOf(f.tenantIds()));
        anyOf(q, p, "c.status", names(f.statuses()));
        anyOf(q, p, "c.severity", names(f.severities()));
        if (f.assignee() != null) {
            q.append(" and c.assignee = ?");
            p.add(f.assignee());
        }
        if (f.tier() != null) {
            q.append(" and c.tier = ?");
            p.add(f.tier());
        }
        if (f.ruleId() != null) {
            q.append(" and c.rule_id = ?");
            p.add(f.ruleId());
        }
        if (f.technique() != null) {
            q.append(" and c.techniques @> array[?::text]");
            p.add(f.technique());
        }
        if (f.host() != null) {
            q.append(" and c.hosts @> array[?::text]");
            p.add(f.host().toLowerCase(Locale.ROOT));
        }
        anyOf(q, p, "c.sla_state", names(f.slaStates()));
        if (f.minPriority() != null) {
            q.append(" and c.priority >= ?");
            p.add(f.minPriority());
        }
        range(q, p, "c.created_at", f.createdFrom(), f.createdTo());
        range(q, p, "c.updated_at", f.updatedFrom(), f.updatedTo());
        return q.toString();
    }

    /**
     * One value is an equality, so an index led by the column also gives the queue's order (PostgreSQL 16 reads
     * no order out of {@code = any (array)}); several are one array parameter.
     */
    private static void anyOf(StringBuilder q, List<Object> p, String column, List<?> values) {
        if (values.size() == 1) {
            q.append(" and ").append(column).append(" = ?");
            p.add(values.get(0));
        } else if (!values.isEmpty()) {
            q.append(" and ").append(column).append(" = any (?)");
            p.add(values.get(0) instanceof UUID ? values.toArray(UUID[]::new) : values.toArray(String[]::new));
        }
    }

    private static List<Object> names(List<? extends Enum<?>> values) {
        return values == null ? List.of() : values.stream().map(e -> (Object) e.name()).toList();
    }

    private static void range(StringBuilder q, List<Object> p, String column, Instant from, Instant to) {
        if (from != null) {
            q.append(" and ").append(column).append(" >= ?");
            p.add(from);
        }
        if (to != null) {
            q.append(" and ").append(column).append(" < ?");
            p.add(to);
        }
    }

    private static void bind(Connection conn, PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Long n) {
            ps.setLong(i, n);
        } else if (v instanceof UUID u) {
            ps.setObject(i, u);
        } else if (v instanceof Instant t) {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        } else if (v instanceof UUID[] a) {
            ps.setArray(i, conn.createArrayOf("uuid", a));
        } else if (v instanceof String[] a) {
            ps.setArray(i, conn.createArrayOf("text", a));
        } else {
            throw new IllegalArgumentException("cannot bind " + v.getClass());
        }
    }

    private static Case row(ResultSet rs) throws SQLException {
        Case c = new Case();
        c.id = rs.getObject("id", UUID.class);
        c.tenantId = rs.getObject("tenant_id", UUID.class);
        c.number = rs.getLong("number");
        c.title = rs.getString("title");
        c.description = rs.getString("description");
        c.severity = Alert.Severity.valueOf(rs.getString("severity"));
        c.severityReason = rs.getString("severity_reason");
        c.priority = rs.getInt("priority");
        c.priorityFactors = rs.getString("priority_factors");
        c.status = Case.Status.valueOf(rs.getString("status"));
        c.tier = rs.getInt("tier");
        c.assignee = rs.getString("assignee");
        c.ownerParty = Case.Party.valueOf(rs.getString("owner_party"));
        c.labels = strings(rs.getArray("labels"));
        c.techniques = strings(rs.getArray("techniques"));
        c.tactics = strings(rs.getArray("tactics"));
        c.hosts = strings(rs.getArray("hosts"));
        c.ruleId = rs.getString("rule_id");
        c.alertCount = rs.getInt("alert_count");
        c.firstActivityAt = instant(rs, "first_activity_at");
        c.lastActivityAt = instant(rs, "last_activity_at");
        c.createdAt = instant(rs, "created_at");
        c.updatedAt = instant(rs, "updated_at");
        c.acknowledgedAt = instant(rs, "acknowledged_at");
        c.containedAt = instant(rs, "contained_at");
        c.resolvedAt = instant(rs, "resolved_at");
        c.closedAt = instant(rs, "closed_at");
        String classification = rs.getString("classification");
        c.classification = classification == null ? null : Case.Classification.valueOf(classification);
        c.classificationReason = rs.getString("classification_reason");
        c.rootCause = rs.getString("root_cause");
        c.closingComment = rs.getString("closing_comment");
        c.slaState = rs.getString("sla_state");
        c.slaDueAt = instant(rs, "sla_due_at");
        c.slaUrgency = rs.getLong("sla_urgency");
        c.severityRank = rs.getInt("severity_rank");
        c.version = rs.getLong("version");
        return c;
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
