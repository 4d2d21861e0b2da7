package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detection.engine.attack.Attack;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped ATT&CK table against ../shared/data/attack and the tags of SigmaHQ's rules. */
class AttackTest {

    @Test
    void theShippedTableHoldsEveryActiveTechniqueOfTheSource() throws Exception {
        List<String> rows = Files.readAllLines(SharedData.dir().resolve("attack/enterprise-techniques.csv"));
        long active = rows.stream().skip(1).filter(l -> l.contains(",False,False,")).count();
        assertEquals(active, Attack.get().size());
        Attack.Technique t = Attack.get().technique("t1059.001");
        assertEquals("Command and Scripting Interpreter: PowerShell", t.name());
        assertEquals(List.of("Execution"), t.tactics());
    }

    @Test
    void sigmaHqTagsResolveExceptTechniquesNewerThanTheTable() throws Exception {
        Set<String> unknown = new TreeSet<>();
        int resolved = 0;
        try (Stream<Path> s = Files.walk(SharedData.dir().resolve("sigma-rules/rules"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try {
                    Attack.Resolved r = Attack.get().resolve(SigmaParser.parse(Files.readString(f)).tags());
                    resolved += r.techniques().size();
                    unknown.addAll(r.unknown());
                } catch (SigmaException e) {
                    // not a detection rule
                }
            }
        }
        assertTrue(resolved > 3000, "resolved " + resolved);
        // The pack's README: 12 tag ids (T1685*, T1686*, T1689, T1690) are newer than ATT&CK v18.1.
        assertTrue(unknown.stream().allMatch(id -> id.startsWith("T1685") || id.startsWith("T1686")
                || id.equals("T1689") || id.equals("T1690")), unknown.toString());
        Attack.Resolved r = Attack.get().resolve(List.of("attack.credential-access", "attack.t1187", "attack.t9999"));
        assertEquals(List.of("Credential Access"), r.tactics());
        assertEquals("Forced Authentication", r.techniques().get(0).name());
        assertEquals(List.of("T9999"), r.unknown());
    }
}
