package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.detection.engine.rule.LogsourceMapping;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which rules an event of one kind could make fire: what the ATT&CK coverage of a tenant is built on. SigmaHQ's
 * own rules, and two written here to pin the event-id case.
 */
class ReachableRulesTest {

    static final String SNIPPING = "rules-emerging-threats/2026/Exploits/CVE-2026-33829/proc_creation_win_exploit_cve_2026_33829.yml";
    static final String CHATTR = "rules/linux/process_creation/proc_creation_lnx_chattr_immutable_removal.yml";
    static final String FAILED_LOGON = """
            title: Failed logon
            id: 0d7c1c36-2a4c-4f0e-9d7e-3f1b0c2a6e11
            logsource: {product: windows, service: security}
            detection:
              selection: {EventID: 4625}
              condition: selection
            level: low
            """;
    static final String ANY_TEXT = """
            title: Mimikatz named anywhere
            id: 5a9e8f0b-7c61-4d3e-b2a4-8e1f6d0c9b27
            logsource: {product: windows}
            detection:
              keywords: ['sekurlsa::logonpasswords']
              condition: keywords
            level: high
            """;

    final RuleSet rules;
    final SigmaRule snipping;
    final SigmaRule chattr;
    final SigmaRule failedLogon;
    final SigmaRule anyText;

    ReachableRulesTest() throws Exception {
        snipping = SigmaParser.parse(Files.readString(SharedData.dir().resolve("sigma-rules").resolve(SNIPPING)));
        chattr = SigmaParser.parse(Files.readString(SharedData.dir().resolve("sigma-rules").resolve(CHATTR)));
        failedLogon = SigmaParser.parse(FAILED_LOGON);
        anyText = SigmaParser.parse(ANY_TEXT);
        rules = new RuleSet(LogsourceMapping.defaults()).add(snipping).add(chattr).add(failedLogon).add(anyText);
    }

    @Test
    void sysmonProcessCreationReachesWindowsProcessRulesOnlyWhenItCarriesTheirFields() {
        EventKind sysmon1 = new EventKind("1", "microsoft-windows-sysmon/operational");
        assertEquals(Set.of(snipping, anyText), Set.copyOf(rules.reachable(sysmon1, Set.of("Image", "CommandLine", "User"))));
        // The same kind without the fields the rule reads: only the keyword rule (any field) is left.
        assertEquals(List.of(anyText), rules.reachable(sysmon1, Set.of("User", "ProcessId")));
        // Field names compare as matching compares them.
        assertEquals(Set.of(snipping, anyText), Set.copyOf(rules.reachable(sysmon1, Set.of("image", "commandline"))));
    }

    @Test
    void securityProcessCreationReachesThemThroughTheMappingsAliases() {
        // 4688 names the process NewProcessName; the logsource mapping shows it as Image.
        EventKind security4688 = new EventKind("4688", "security");
        assertEquals(Set.of(snipping, anyText), Set.copyOf(rules.reachable(security4688, Set.of("NewProcessName", "CommandLine"))));
    }

    @Test
    void aServiceRuleOnOneEventIdIsReachedByThatEventOnly() {
        Set<String> fields = Set.of("EventID", "Channel", "TargetUserName");
        assertEquals(Set.of(failedLogon, anyText), Set.copyOf(rules.reachable(new EventKind("4625", "security"), fields)));
        assertEquals(List.of(anyText), rules.reachable(new EventKind("4624", "security"), fields));
    }

    @Test
    void eventsWithoutAWindowsKindReachTheOtherProductsRulesThatReadTheirFields() {
        EventKind none = new EventKind(null, null);
        assertEquals(List.of(chattr), rules.reachable(none, Set.of("Image", "CommandLine")));
        assertEquals(List.of(), rules.reachable(none, Set.of("src", "dst", "act")));
        assertEquals(4, rules.rules().size());
    }
}
