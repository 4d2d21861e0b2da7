package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.intel.Indicator;
import io.vigil.detection.engine.intel.IndicatorImport;
import io.vigil.detection.engine.intel.IndicatorSet;
import io.vigil.detection.engine.match.Regex;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.security.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What one tenant's telemetry or one bad rule must not do to everybody else: stall the matcher, make the
 * service ask DNS, or crash a parser. The time limits here are guards against exponential behaviour
 * (the regex engine took 6.6 s on one value), far above what linear matching costs; the figures are in
 * {@code ./vigil bench sigma}.
 */
class HostileInputTest {

    @Test
    void wildcardsRunInLinearTimeOnAValueBuiltToBacktrack() {
        SigmaRule rule = Rules.rule("  sel:\n    CommandLine: '*x*x*x*x*x*y'\n  condition: sel\n");
        MapEvent hostile = new MapEvent(Map.of("CommandLine", "x".repeat(1_300)));
        MapEvent hit = new MapEvent(Map.of("CommandLine", "x".repeat(1_300) + "y"));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(rule.matches(hostile));
            }
        }, "1,000 hostile values must take milliseconds, not the seconds one took with backtracking");
        assertTrue(rule.matches(hit));
    }

    @Test
    void wildcardsAgreeWithTheSpecificationOnRandomPatterns() {
        // java.util.regex is the oracle on short values, where its backtracking costs nothing.
        Random random = new Random(42);
        String alphabet = "ab?*";
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            String pattern = random(random, alphabet, 1 + random.nextInt(7));
            String value = random(random, "abAB", random.nextInt(9));
            SigmaRule rule = Rules.rule("  sel:\n    F|cased: '" + pattern + "'\n  condition: sel\n");
            SigmaRule folded = Rules.rule("  sel:\n    F: '" + pattern + "'\n  condition: sel\n");
            String regex = pattern.replace("?", ".").replace("*", ".*");
            assertEquals(Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches(),
                    rule.matches(new MapEvent(Map.of("F", value))), pattern + " on " + value);
            assertEquals(Pattern.compile(regex, Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(value).matches(),
                    folded.matches(new MapEvent(Map.of("F", value))), pattern + " (case-insensitive) on " + value);
            checked++;
        }
        assertEquals(20_000, checked);
    }

    @Test
    void regularExpressionsRunOnALinearEngine() {
        SigmaRule rule = Rules.rule("  sel:\n    CommandLine|re: '(a+)+$x'\n  condition: sel\n");
        MapEvent hostile = new MapEvent(Map.of("CommandLine", "a".repeat(5_000) + "!"));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(rule.matches(hostile)));
        assertTrue(Regex.compile("(a+)+$", false, false, false).linear());
        assertTrue(Rules.matches("  sel:\n    CommandLine|re|i: 'POWERSHELL.*-enc'\n  condition: sel\n",
                Map.of("CommandLine", "powershell.exe -nop -enc SQBFAFgA")));
    }

    @Test
    void expressionsRe2LacksRunUnderABudgetThatIsCounted() {
        Regex backReference = Regex.compile("^(a|aa)+\\1b", false, false, false);
        assertFalse(backReference.linear(), "RE2 has no back-references: the bounded fallback takes it");
        assertTrue(backReference.test("aab", "aab"));
        long before = Regex.budgetExhausted();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(backReference.test("a".repeat(60), "")));
        assertEquals(before + 1, Regex.budgetExhausted(), "a value given up on is counted, not silent");
    }

    @Test
    void noAddressIsEverLookedUpWhileMatching() {
        List<String> lookups = new ArrayList<>();
        SecurityManager loud = new SecurityManager() {
            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    lookups.add(host); // the JDK asks this before it resolves a name
                    throw new SecurityException("DNS lookup of " + host + " during matching");
                }
            }

            @Override
            public void checkPermission(Permission perm) {
            }
        };
        SigmaRule cidr = Rules.rule("  sel:\n    DestinationIp|cidr: '10.0.0.0/8'\n  condition: sel\n");
        IndicatorSet intel = new IndicatorSet(List.of(
                new Indicator(Indicator.Type.CIDR, "203.0.113.0/24", null, "test", null, null, null)));
        try {
            System.setSecurityManager(loud);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this JDK has no security manager to watch lookups with");
        }
        try {
            for (String value : List.of("evil.example", "localhost", "10.1.2.3", "fe80::1", "abc:def", "1.2.3")) {
                MapEvent event = new MapEvent(Map.of("DestinationIp", value, "DestinationHostname", value));
                assertEquals(value.equals("10.1.2.3"), cidr.matches(event), value);
                assertTrue(intel.match(event, Instant.EPOCH).isEmpty(), value);
            }
            assertTrue(intel.match(new MapEvent(Map.of("SourceIp", "203.0.113.9")), Instant.EPOCH).size() == 1);
        } finally {
            System.setSecurityManager(null);
        }
        assertEquals(List.of(), lookups);
        try {
            Rules.rule("  sel:\n    DestinationIp|cidr: 'intranet.example/24'\n  condition: sel\n");
            throw new AssertionError("a host name in a cidr rule must be refused, not resolved");
        } catch (SigmaException expected) {
            assertTrue(expected.getMessage().contains("not an IP address literal"), expected.getMessage());
        }
    }

    @Test
    void oversizedRulesAreRefusedBeforeTheYamlScannerSeesThem() {
        String oneLine = "title: t\nlogsource: {product: test}\ndetection: {sel: {F: '" + "a".repeat(9_000_000)
                + "'}, condition: sel}\n";
        SigmaException big = assertRefusedQuickly(oneLine);
        assertTrue(big.getMessage().contains("at most"), big.getMessage());
        SigmaException longLine = assertRefusedQuickly("title: t\nlogsource: {product: test}\ndetection: {sel: {F: '"
                + "a".repeat(100_000) + "'}, condition: sel}\n");
        assertTrue(longLine.getMessage().contains("line 3 has"), longLine.getMessage());
    }

    @Test
    void deeplyNestedConditionsAreRefusedNotRecursedInto() {
        String condition = "(".repeat(3_000) + "sel" + ")".repeat(3_000);
        SigmaException e = assertRefusedQuickly("title: t\nlogsource: {product: test}\ndetection:\n  sel: {F: a}\n  condition: '"
                + condition + "'\n");
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
        SigmaException nots = assertRefusedQuickly("title: t\nlogsource: {product: test}\ndetection:\n  sel: {F: a}\n  condition: '"
                + "not ".repeat(2_000) + "sel'\n");
        assertTrue(nots.getMessage().contains("nests deeper"), nots.getMessage());
        assertTrue(Rules.matches("  sel: {F: a}\n  condition: ((((not not sel))))\n", Map.of("F", "a")),
                "ordinary nesting still works");
    }

    @Test
    void aStixPatternOfBackslashesIsSkippedWithoutOverflowingTheStack() throws Exception {
        String pattern = "[ipv4-addr:value = '" + "\\\\".repeat(500_000) + "']";
        String bundle = "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern_type\":\"stix\","
                + "\"pattern\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(pattern) + "}]}";
        IndicatorImport.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> IndicatorImport.stix(bundle, "test"));
        assertEquals(1, result.indicators().size() + result.skipped().size(), "read as one value or skipped with a reason");
    }

    private static SigmaException assertRefusedQuickly(String yaml) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                SigmaParser.parse(yaml);
            } catch (SigmaException e) {
                return e;
            }
            throw new AssertionError("the rule was accepted");
        });
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
