package io.vigil.detection.engine.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MITRE ATT&CK Enterprise techniques and tactics (shipped as a compact table, see the MITRE notice beside
 * it), to give alerts the names an analyst reads: Sigma tags {@code attack.t1187} and
 * {@code attack.credential-access} resolve to "T1187 Forced Authentication" and "Credential Access".
 */
public final class Attack {

    /** A technique: its id, name (sub-techniques as "Parent: Name") and tactics. */
    public record Technique(String id, String name, List<String> tactics) {
    }

    /** A tactic: its id, Sigma's short name ({@code credential-access}) and name, in the matrix's order. */
    public record Tactic(String id, String shortName, String name) {
    }

    private static final Attack INSTANCE = new Attack();

    private final Map<String, Technique> techniques = new HashMap<>();
    private final Map<String, String> tacticByShortName = new HashMap<>();
    private final List<Tactic> tactics = new ArrayList<>();
    private final List<Technique> sorted;

    private Attack() {
        for (String[] row : read("attack-techniques.tsv")) {
            techniques.put(row[0], new Technique(row[0], row[1], row.length > 2 && !row[2].isEmpty() ? List.of(row[2].split(",")) : List.of()));
        }
        for (String[] row : read("attack-tactics.tsv")) {
            tacticByShortName.put(row[1], row[2]);
            tactics.add(new Tactic(row[0], row[1], row[2]));
        }
        sorted = techniques.values().stream().sorted(java.util.Comparator.comparing(Technique::id)).toList();
    }

    public static Attack get() {
        return INSTANCE;
    }

    /** The Enterprise tactics in the matrix's order, reconnaissance to impact. */
    public List<Tactic> tactics() {
        return List.copyOf(tactics);
    }

    /** Every technique and sub-technique of the shipped table, by id. */
    public List<Technique> techniques() {
        return sorted;
    }

    /** The ATT&CK release the shipped tables come from. */
    public static final String VERSION = "ATT&CK Enterprise v18.1";

    public int size() {
        return techniques.size();
    }

    /** The technique of an id such as {@code T1059.001}, or null when ATT&CK (this version) has none. */
    public Technique technique(String id) {
        return techniques.get(id.toUpperCase(Locale.ROOT));
    }

    /** The techniques and tactics named by Sigma tags ({@code attack.tNNNN[.NNN]}, {@code attack.<tactic>}). */
    public Resolved resolve(List<String> tags) {
        List<Technique> ts = new ArrayList<>();
        List<String> tactics = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!t.startsWith("attack.")) {
                continue;
            }
            String v = t.substring("attack.".length());
            if (v.matches("t\\d{4}(\\.\\d{3})?")) {
                Technique tech = technique(v);
                if (tech == null) {
                    unknown.add(v.toUpperCase(Locale.ROOT));
                } else {
                    ts.add(tech);
                }
            } else if (tacticByShortName.containsKey(v)) {
                tactics.add(tacticByShortName.get(v));
            }
        }
        return new Resolved(ts, tactics, unknown);
    }

    /** What a rule's tags name in ATT&CK; {@code unknown} lists technique ids newer than the shipped table. */
    public record Resolved(List<Technique> techniques, List<String> tactics, List<String> unknown) {
    }

    private static List<String[]> read(String name) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Attack.class.getResourceAsStream("/io/vigil/detection/engine/" + name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
