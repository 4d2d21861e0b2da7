package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detection.engine.baseline.Observation;
import io.vigil.detection.engine.baseline.Observation.Kind;
import io.vigil.detection.engine.baseline.Observations;
import io.vigil.detection.engine.baseline.VolumeBaseline;
import io.vigil.detection.engine.event.EventFlattener;
import io.vigil.detection.engine.event.MapEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What baselines learn from the OTRF recordings of WORKSTATION5, and how they judge its hourly volume. */
class BaselineTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void thePsexecRecordingShowsItsToolsAndTheServiceStartingThem() throws Exception {
        Set<Observation> seen = new HashSet<>();
        for (MapEvent e : dataset("cmd_psexec_lsa_secrets_dump")) {
            seen.addAll(Observations.of(e));
        }
        assertTrue(seen.contains(new Observation(Kind.ADMIN_TOOL, "*", "psexec.exe")), seen.toString());
        assertTrue(seen.contains(new Observation(Kind.ADMIN_TOOL, "*", "psexesvc.exe")));
        assertTrue(seen.contains(new Observation(Kind.PARENT_CHILD, "workstation5", "services.exe > psexesvc.exe")));
        assertTrue(seen.contains(new Observation(Kind.PARENT_CHILD, "workstation5", "psexesvc.exe > reg.exe")));
        assertTrue(seen.contains(new Observation(Kind.PROCESS, "workstation5", "reg.exe")));
        assertTrue(seen.stream().noneMatch(o -> o.kind() == Kind.LOGON_SOURCE), "no logon of a person in it");
    }

    @Test
    void serviceLogonsAreNotLogonSourcesButAPersonsNetworkLogonIs() throws Exception {
        for (String name : List.of("wmic_remote_xsl_jscript", "psh_hh_local_html_payload")) {
            for (MapEvent e : dataset(name)) {
                assertTrue(Observations.of(e).stream().noneMatch(o -> o.kind() == Kind.LOGON_SOURCE),
                        "SYSTEM's service logons (type 5) teach nothing about people");
            }
        }
        MapEvent logon = new MapEvent(Map.of("EventID", 4624, "Channel", "Security", "LogonType", "3",
                "TargetUserName", "Pgustavo", "TargetDomainName", "THESHIRE", "IpAddress", "172.18.39.106",
                "Computer", "WORKSTATION5.theshire.local"));
        assertEquals(List.of(new Observation(Kind.LOGON_SOURCE, "theshire\\pgustavo", "172.18.39.106")),
                Observations.of(logon));
        MapEvent machine = new MapEvent(Map.of("EventID", 4624, "LogonType", "3", "TargetUserName", "WORKSTATION5$",
                "IpAddress", "172.18.39.5"));
        assertEquals(List.of(), Observations.of(machine), "machine accounts are not people");
    }

    @Test
    void theNetshBurstIsAnomalousAgainstTheLearnedHoursAndAQuietHourIsNot() throws Exception {
        // Hourly counts of WORKSTATION5 over every recording (quiet hours count as zero).
        TreeMap<Instant, Long> hourly = new TreeMap<>();
        try (Stream<Path> s = Files.walk(SharedData.dir().resolve("datasets/otrf-security-datasets"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (MapEvent e : read(f)) {
                    assertEquals("workstation5", Observations.host(e).replace(".theshire.local", ""));
                    hourly.merge(SharedData.eventTime(e).truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
                }
            }
        }
        VolumeBaseline baseline = new VolumeBaseline(3.0, 100);
        Instant netsh = Instant.parse("2020-10-21T12:00:00Z");
        Instant iexplorerDiscovery = Instant.parse("2020-10-21T11:00:00Z");
        assertEquals(2366, hourly.get(netsh));
        assertEquals(68, hourly.get(iexplorerDiscovery));
        VolumeBaseline.Verdict burst = judge(baseline, hourly, netsh, 72);
        assertTrue(burst.anomalous(), burst.toString());
        assertFalse(judge(baseline, hourly, iexplorerDiscovery, 72).anomalous(), "68 events: under the floor and the threshold");
        // A host that always does this much is not anomalous: the same count against a history of it.
        assertFalse(baseline.judge(2366, 72, 2366.0 * 72, 2366.0 * 2366 * 72).anomalous());
    }

    private static VolumeBaseline.Verdict judge(VolumeBaseline b, TreeMap<Instant, Long> hourly, Instant hour, int hours) {
        double sum = 0;
        double squares = 0;
        for (long c : hourly.subMap(hour.minus(hours, ChronoUnit.HOURS), hour).values()) {
            sum += c;
            squares += (double) c * c;
        }
        return b.judge(hourly.get(hour), hours, sum, squares);
    }

    private List<MapEvent> dataset(String name) throws Exception {
        try (Stream<Path> s = Files.list(SharedData.dir().resolve("datasets/otrf-security-datasets").resolve(name))) {
            return read(s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        }
    }

    private List<MapEvent> read(Path f) throws Exception {
        return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return EventFlattener.flatten(mapper.readTree(l));
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }
}
