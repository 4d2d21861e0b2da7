package io.vigil.tenant.asset.importing;

import io.vigil.tenant.asset.Asset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one inventory row (from CSV or JSON) field by field. Every problem of the row is reported with the
 * field it concerns, so a client fixes its file in one pass. Lists (addresses, tags) are separated by
 * {@code ;} or spaces in CSV, arrays or such strings in JSON.
 */
public final class AssetRows {

    public static final Set<String> COLUMNS = Set.of("hostname", "fqdn", "addresses", "criticality", "owner",
            "environment", "cloud_account_id", "tags");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final Pattern SPLIT = Pattern.compile("[;\\s]+");

    private AssetRows() {
    }

    /** A problem with one field of one row ({@code line}: CSV line, or 1-based position in a JSON array). */
    public record RowError(int line, String field, String reason) {
    }

    /** Either a draft or the row's errors. */
    public record Checked(int line, AssetDraft draft, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Checked check(int line, Map<String, Object> row) {
        List<RowError> errors = new ArrayList<>();
        String hostname = text(row.get("hostname"));
        if (hostname == null) {
            errors.add(new RowError(line, "hostname", "is required"));
        } else if (!HOSTNAME.matcher(hostname).matches()) {
            errors.add(new RowError(line, "hostname", "'" + hostname + "' is not a host name (letters, digits, . _ -)"));
        }
        String fqdn = text(row.get("fqdn"));
        if (fqdn != null && (!HOSTNAME.matcher(fqdn).matches() || !fqdn.contains("."))) {
            errors.add(new RowError(line, "fqdn", "'" + fqdn + "' is not a fully qualified domain name"));
        }
        Asset.Criticality criticality = null;
        String crit = text(row.get("criticality"));
        if (crit == null) {
            errors.add(new RowError(line, "criticality", "is required (low, medium, high or critical)"));
        } else {
            try {
                criticality = Asset.Criticality.valueOf(crit.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(line, "criticality", "'" + crit + "' is not low, medium, high or critical"));
            }
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String a : list(row.get("addresses"))) {
            Addresses.Result r = Addresses.normalise(a);
            if (r instanceof Addresses.Ok ok) {
                addresses.add(ok.value());
            } else if (r instanceof Addresses.Bad bad) {
                errors.add(new RowError(line, "addresses", bad.reason()));
            }
        }
        List<String> tags = list(row.get("tags")).stream().distinct().toList();
        if (tags.stream().anyMatch(t -> t.length() > 64)) {
            errors.add(new RowError(line, "tags", "a tag is longer than 64 characters"));
        }
        String owner = limited(row, "owner", 200, line, errors);
        String environment = limited(row, "environment", 50, line, errors);
        String cloud = limited(row, "cloud_account_id", 100, line, errors);
        if (!errors.isEmpty()) {
            return new Checked(line, null, errors);
        }
        return new Checked(line, new AssetDraft(hostname, fqdn, List.copyOf(addresses), criticality, owner,
                environment, cloud, tags), List.of());
    }

    private static String limited(Map<String, Object> row, String field, int max, int line, List<RowError> errors) {
        String v = text(row.get(field));
        if (v != null && v.length() > max) {
            errors.add(new RowError(line, field, "is longer than " + max + " characters"));
        }
        return v;
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Object v) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.addAll(list(x)));
            return out;
        }
        for (String part : SPLIT.split(String.valueOf(v).trim())) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
