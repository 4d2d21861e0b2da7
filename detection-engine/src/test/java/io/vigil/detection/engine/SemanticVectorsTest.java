package io.vigil.detection.engine;

import static io.vigil.detection.engine.Rules.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language-independent Sigma semantics of pysigma-semantic-vectors.json (../shared/data/sigma-semantics),
 * checked as behaviour: what each rule value matches and what it must refuse.
 */
class SemanticVectorsTest {

    static JsonNode vectors;

    @BeforeAll
    static void load() throws Exception {
        vectors = new ObjectMapper().readTree(SharedData.dir().resolve("sigma-semantics/pysigma-semantic-vectors.json").toFile());
    }

    @Test
    void stringEscapingSplitsLiteralsAndWildcardsAsTheSpecificationSays() {
        int checked = 0;
        for (JsonNode c : vectors.path("string_escaping").path("cases")) {
            SigmaString s = SigmaString.parse(c.path("value").asText());
            if (c.has("parts")) {
                List<String> parts = new ArrayList<>();
                for (SigmaString.Part p : s.parts()) {
                    parts.add(p instanceof SigmaString.Literal l ? l.text()
                            : p == SigmaString.Wildcard.MULTI ? "WILDCARD_MULTI" : "WILDCARD_SINGLE");
                }
                List<String> expected = new ArrayList<>();
                c.path("parts").forEach(p -> expected.add(p.asText()));
                assertEquals(expected, parts, c.path("value").asText());
                checked++;
            } else if (c.has("to_regex")) {
                // Same regex semantics: the vector's regex and ours agree on sample strings.
                String theirs = c.path("to_regex").asText();
                String ours = s.toRegex();
                for (String sample : List.of("TestXXSpecialY(Plain)/[*?]", "Test*Special?(Plain)/[*?]", "TestSpecial(Plain)/[*?]",
                        "Tst*Special?(Plain)/[*?]")) {
                    assertEquals(sample.matches(theirs), sample.matches(ours), sample);
                }
                checked++;
            }
        }
        assertTrue(checked >= 5);
    }

    @Test
    void stringModifiersMatchWhatTheirExpansionMatches() {
        int checked = 0;
        for (JsonNode v : vectors.path("string_modifiers")) {
            String mod = v.path("modifier").asText();
            // utf16's vector writes the byte order mark as U+FEFF text; Vigil encodes it as bytes (FF FE)
            // before base64, where it matters; the wide/utf16be test below covers the interleaving.
            if (v.has("out") && v.path("in").isTextual() && !mod.contains("/") && !mod.contains("(") && !mod.equals("utf16")) {
                String out = v.path("out").asText();
                String rule = "  sel:\n    f|" + mod + ": '" + v.path("in").asText().replace("'", "''") + "'\n  condition: sel\n";
                // The value the expansion describes matches; so does any text its wildcards admit.
                String sample = out.replace("*", "ZZ");
                assertTrue(matches(rule, Map.of("f", sample)), mod + " " + v.path("in") + " should match " + sample);
                if (!out.startsWith("*")) {
                    assertFalse(matches(rule, Map.of("f", "Q" + sample)), mod + " anchored at the start");
                }
                if (!out.endsWith("*")) {
                    assertFalse(matches(rule, Map.of("f", sample + "Q")), mod + " anchored at the end");
                }
                checked++;
            } else if (v.has("out_any_of")) {
                String in = v.path("in").asText();
                String rule = "  sel:\n    f|" + mod + ": '" + in + "'\n  condition: sel\n";
                for (JsonNode o : v.path("out_any_of")) {
                    assertTrue(matches(rule, Map.of("f", o.asText())), mod + " should match " + o.asText());
                }
                assertFalse(matches(rule, Map.of("f", "+" + in.substring(1))), mod + " matches only its variants");
                checked++;
            } else if (v.has("error")) {
                String in = v.path("in").asText();
                for (String m : mod.split("/")) {
                    String rule = "  sel:\n    f|" + m.replace(" (= utf16le)", "") + ": '" + in + "'\n  condition: sel\n";
                    assertThrows(SigmaException.class, () -> Rules.rule(rule), m + " " + in + " must be refused");
                }
                checked++;
            }
        }
        assertTrue(checked >= 12, "checked " + checked);
    }

    @Test
    void wideAndUtf16beInterleaveZeroBytes() {
        assertTrue(matches("  sel:\n    f|wide: '*foo*'\n  condition: sel\n", Map.of("f", "xf\0o\0o\0y")));
        assertTrue(matches("  sel:\n    f|utf16be: '*foo*'\n  condition: sel\n", Map.of("f", "x\0f\0o\0oy")));
        assertFalse(matches("  sel:\n    f|wide: '*foo*'\n  condition: sel\n", Map.of("f", "foo")));
    }

    @Test
    void windashContainsAllIsAnAndOfDashVariants() {
        String rule = "  sel:\n    CommandLine|windash|contains|all: ['-foo', '-bar']\n  condition: sel\n";
        assertTrue(matches(rule, Map.of("CommandLine", "x.exe /foo \u2014bar")));
        assertTrue(matches(rule, Map.of("CommandLine", "x.exe -bar -foo")));
        assertFalse(matches(rule, Map.of("CommandLine", "x.exe /foo")));
    }

    @Test
    void casedNeqAndAllBehaveAsSpecified() {
        assertTrue(matches("  sel:\n    f: FooBar\n  condition: sel\n", Map.of("f", "foobar")));
        assertFalse(matches("  sel:\n    f|cased: FooBar\n  condition: sel\n", Map.of("f", "foobar")));
        assertTrue(matches("  sel:\n    f|cased: FooBar\n  condition: sel\n", Map.of("f", "FooBar")));
        assertTrue(matches("  sel:\n    f|neq: foobar\n  condition: sel\n", Map.of("f", "other")));
        assertFalse(matches("  sel:\n    f|neq: foobar\n  condition: sel\n", Map.of("f", "FOOBAR")));
        String all = "  sel:\n    f|all: ['*foobar*', '*123*']\n  condition: sel\n";
        assertTrue(matches(all, Map.of("f", "a foobar 123")));
        assertFalse(matches(all, Map.of("f", "a foobar")));
    }

    @Test
    void regexModifiersRespectAnchorsAndFlags() {
        for (JsonNode v : vectors.path("regex_modifiers")) {
            String mod = v.path("modifier").asText();
            if (v.has("error")) {
                assertThrows(SigmaException.class, () -> Rules.rule("  sel:\n    f|" + mod + ": 'x'\n  condition: sel\n"));
                continue;
            }
            String rule = "  sel:\n    f|" + mod + ": '" + v.path("in").asText() + "'\n  condition: sel\n";
            // The vectors' expansions are whole-value patterns once contains/startswith/endswith applied; a
            // bare 're' is a search (anchors ^ and $ are the rule author's), as SigmaHQ's rules are written.
            java.util.regex.Pattern expected = java.util.regex.Pattern.compile(v.path("out_regex").asText());
            boolean whole = mod.contains("contains") || mod.contains("startswith") || mod.contains("endswith");
            for (String sample : List.of("fobar", "fobarx", "xfobar", "xfobarx", "foobar", "fobar.any", "FOBAR")) {
                boolean want = whole ? expected.matcher(sample).matches() : expected.matcher(sample).find();
                assertEquals(want, matches(rule, Map.of("f", sample)), mod + " on " + sample);
            }
        }
        assertTrue(matches("  sel:\n    f|re|i: 'FOO'\n  condition: sel\n", Map.of("f", "xfoo")));
        assertFalse(matches("  sel:\n    f|re: 'FOO'\n  condition: sel\n", Map.of("f", "xfoo")));
    }

    @Test
    void cidrMatchesExactlyTheAddressesOfItsPrefixes() {
        for (JsonNode v : vectors.path("cidr_expansion_to_prefix_wildcards")) {
            String cidr = v.path("cidr").asText();
            String rule = "  sel:\n    ip|cidr: '" + cidr + "'\n  condition: sel\n";
            if (v.has("error")) {
                assertThrows(SigmaException.class, () -> Rules.rule(rule), cidr);
                continue;
            }
            boolean v6 = cidr.contains(":");
            for (JsonNode o : v.path("out")) {
                String prefix = o.asText();
                String addr = prefix.endsWith("*") ? fill(prefix.substring(0, prefix.length() - 1), v6) : prefix;
                assertTrue(matches(rule, Map.of("ip", addr)), cidr + " should contain " + addr);
            }
            if (!cidr.endsWith("/0")) {
                assertFalse(matches(rule, Map.of("ip", v6 ? "4321::1" : "8.8.8.8")), cidr + " excludes far addresses");
            }
        }
        assertFalse(matches("  sel:\n    ip|cidr: '10.0.0.0/8'\n  condition: sel\n", Map.of("ip", "not-an-ip")));
    }

    private static String fill(String prefix, boolean v6) {
        if (!v6) {
            String p = prefix.endsWith(".") || prefix.isEmpty() ? prefix : prefix + "7.";
            int dots = p.isEmpty() ? 0 : p.split("\\.").length;
            StringBuilder sb = new StringBuilder(p);
            for (int i = dots; i < 4; i++) {
                sb.append(i == 3 ? "9" : "9.");
            }
            String s = sb.toString();
            return s.endsWith(".") ? s + "9" : s;
        }
        if (prefix.isEmpty()) {
            return "abcd::1";
        }
        if (prefix.endsWith(":")) {
            return prefix + "1::1";
        }
        // complete the last group to four hex digits, then the address
        String last = prefix.substring(prefix.lastIndexOf(':') + 1);
        return prefix + "f".repeat(4 - last.length()) + "::1";
    }

    @Test
    void conditionsFollowPrecedenceQuantifiersAndThem() {
        JsonNode cond = vectors.path("conditions");
        for (JsonNode c : cond.path("cases")) {
            JsonNode detections = c.has("detections") ? c.path("detections") : cond.path("detections");
            StringBuilder yaml = new StringBuilder();
            Map<String, String> valueOf = new HashMap<>();
            detections.fields().forEachRemaining(d -> {
                String v = d.getValue().asText();
                String field = v.contains("=") ? v.substring(0, v.indexOf('=')) : "f_" + v;
                String value = v.contains("=") ? v.substring(v.indexOf('=') + 1) : v;
                yaml.append("  ").append(d.getKey()).append(":\n    ").append(field).append(": ").append(value).append('\n');
                valueOf.put(v, field + "=" + value);
            });
            yaml.append("  condition: ").append(c.path("condition").asText()).append('\n');
            if (c.has("error")) {
                assertThrows(SigmaException.class, () -> Rules.rule(yaml.toString()), c.path("condition").asText());
                continue;
            }
            List<String> atoms = new ArrayList<>(valueOf.keySet());
            String parsed = c.path("parsed").asText();
            for (int mask = 0; mask < (1 << atoms.size()); mask++) {
                Map<String, Object> event = new HashMap<>();
                java.util.Set<String> trueAtoms = new java.util.HashSet<>();
                for (int i = 0; i < atoms.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        String fv = valueOf.get(atoms.get(i));
                        event.put(fv.substring(0, fv.indexOf('=')), fv.substring(fv.indexOf('=') + 1));
                        trueAtoms.add(atoms.get(i));
                    }
                }
                boolean expected = new Formula(parsed, trueAtoms).eval();
                assertEquals(expected, Rules.rule(yaml.toString()).matches(new io.vigil.detection.engine.event.MapEvent(event)),
                        c.path("condition").asText() + " with " + trueAtoms);
            }
        }
    }

    @Test
    void detectionStructuresMeanWhatTheSpecificationSays() {
        assertTrue(matches("  k:\n    - keyword1\n    - 123\n  condition: k\n", Map.of("x", "has 123 in it")));
        String twoItems = "  k:\n    - [keyword1, keyword2]\n    - [keyword3, keyword4]\n  condition: k\n";
        assertTrue(matches(twoItems, Map.of("a", "keyword2", "b", "keyword3")));
        assertFalse(matches(twoItems, Map.of("a", "keyword2")));
        String map = "  s:\n    field1: value1\n    field2: 123\n    field3: null\n  condition: s\n";
        assertTrue(matches(map, Map.of("field1", "value1", "field2", 123)));
        assertFalse(matches(map, Map.of("field1", "value1", "field2", 123, "field3", "x")));
        assertTrue(matches("  s:\n    field: []\n  condition: s\n", Map.of("other", 1)));
        assertTrue(matches("  s:\n    - a: 1\n    - b: 2\n  condition: s\n", Map.of("b", "2")));
        String empty = "  s:\n    fieldB: ''\n  condition: s\n";
        assertTrue(matches(empty, Map.of("fieldB", "")));
        assertFalse(matches(empty, Map.of("other", "")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("fieldA", null);
        assertTrue(matches("  s:\n    fieldA|exists: true\n  condition: s\n", withNull));
        assertTrue(matches("  s:\n    fieldA|exists: false\n  condition: s\n", Map.of("x", 1)));
        String ref = "  s:\n    fieldA|fieldref|endswith: fieldB\n  condition: s\n";
        assertTrue(matches(ref, Map.of("fieldA", "C:\\Temp\\EVIL.exe", "fieldB", "evil.exe")));
        assertFalse(matches(ref, Map.of("fieldA", "C:\\Temp\\good.exe", "fieldB", "evil.exe")));
    }

    /** Evaluates the vectors' OR(...)/AND(...)/NOT(...) notation. */
    private static final class Formula {
        private final String s;
        private final java.util.Set<String> truth;
        private int i;

        Formula(String s, java.util.Set<String> truth) {
            this.s = s.replace(" ", "");
            this.truth = truth;
        }

        boolean eval() {
            for (String op : List.of("OR(", "AND(", "NOT(")) {
                if (s.startsWith(op, i)) {
                    i += op.length();
                    List<Boolean> args = new ArrayList<>();
                    args.add(eval());
                    while (s.charAt(i) == ',') {
                        i++;
                        args.add(eval());
                    }
                    i++; // ')'
                    return switch (op) {
                        case "OR(" -> args.contains(true);
                        case "AND(" -> !args.contains(false);
                        default -> !args.get(0);
                    };
                }
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ')') {
                i++;
            }
            return truth.contains(s.substring(start, i));
        }
    }
}
