package io.vigil.detection.engine.baseline;

import io.vigil.detection.engine.event.Event;
import io.vigil.detection.engine.event.MapEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the facts baselines learn from one normalised event: Windows logons (4624) for logon sources,
 * process creations (Sysmon 1, Security 4688, or ECS process fields) for processes, parent-child pairs and
 * admin tools. Names are lower-cased and processes reduced to their file name, so the same fact written
 * twice differently is one fact.
 */
public final class Observations {

    /** Logon types of a person: interactive, network, unlock, network clear text, remote interactive, cached. */
    private static final Set<String> PERSON_LOGON_TYPES = Set.of("2", "3", "7", "8", "10", "11");

    /** Tools of administrators that attackers use too (living off the land), by file name. */
    static final Set<String> ADMIN_TOOLS = Set.of("psexec.exe", "psexec64.exe", "psexesvc.exe", "paexec.exe",
            "wmic.exe", "winrs.exe", "sc.exe", "schtasks.exe", "at.exe", "netsh.exe", "net.exe", "net1.exe",
            "nltest.exe", "dsquery.exe", "adfind.exe", "ntdsutil.exe", "vssadmin.exe", "wbadmin.exe",
            "bcdedit.exe", "bitsadmin.exe", "certutil.exe", "procdump.exe", "procdump64.exe", "esentutl.exe",
            "mimikatz.exe", "rclone.exe", "anydesk.exe", "teamviewer.exe", "mstsc.exe", "quser.exe",
            "qwinsta.exe", "reg.exe", "regsvr32.exe", "mshta.exe", "cmstp.exe", "mavinject.exe", "dsacls.exe",
            "csvde.exe", "ldifde.exe", "klist.exe", "setspn.exe", "cscript.exe", "wscript.exe");

    private Observations() {
    }

    public static List<Observation> of(Event e) {
        List<Observation> out = new ArrayList<>(3);
        String eventId = first(e, "EventID", "event.code");
        String host = lower(first(e, "host.name", "Computer", "Hostname"));
        if ("4624".equals(eventId)) {
            String type = first(e, "LogonType", "winlog.event_data.LogonType");
            String user = lower(first(e, "TargetUserName", "user.name"));
            String source = first(e, "IpAddress", "source.ip");
            if (source == null || source.equals("-") || source.equals("::1") || source.equals("127.0.0.1")) {
                source = first(e, "WorkstationName", "source.domain");
            }
            if (type != null && PERSON_LOGON_TYPES.contains(type) && user != null && !user.endsWith("$")
                    && !user.equals("-") && source != null && !source.equals("-")) {
                String domain = lower(first(e, "TargetDomainName", "user.domain"));
                out.add(new Observation(Observation.Kind.LOGON_SOURCE, domain == null || domain.equals("-") ? user
                        : domain + "\\" + user, source.toLowerCase(Locale.ROOT)));
            }
            return out;
        }
        boolean sysmonProcess = "1".equals(eventId) && String.valueOf(e.get("Channel")).contains("Sysmon");
        String image = sysmonProcess || "4688".equals(eventId) ? first(e, "Image", "NewProcessName")
                : "process".equals(first(e, "event.category")) && "start".equals(first(e, "event.type"))
                        ? first(e, "process.executable") : null;
        if (image == null || host == null) {
            return out;
        }
        String child = fileName(image);
        out.add(new Observation(Observation.Kind.PROCESS, host, child));
        String parent = first(e, "ParentImage", "ParentProcessName", "process.parent.executable");
        if (parent != null && !parent.isBlank()) {
            out.add(new Observation(Observation.Kind.PARENT_CHILD, host, fileName(parent) + " > " + child));
        }
        if (ADMIN_TOOLS.contains(child)) {
            out.add(new Observation(Observation.Kind.ADMIN_TOOL, "*", child));
        }
        return out;
    }

    /** The host an event is about (lower-cased), for volume baselines; null when it names none. */
    public static String host(Event e) {
        return lower(first(e, "host.name", "Computer", "Hostname"));
    }

    /** The person an event is about (lower-cased, machine and system accounts left out); null when none. */
    public static String user(Event e) {
        String u = lower(first(e, "user.name", "User", "TargetUserName"));
        if (u == null || u.endsWith("$") || u.equals("-") || u.equals("system") || u.endsWith("\\system")
                || u.contains("local service") || u.contains("network service")) {
            return null;
        }
        return u;
    }

    static String fileName(String path) {
        String p = path.trim();
        int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        return p.substring(cut + 1).toLowerCase(Locale.ROOT);
    }

    /** The first of the fields present, by exact name (normalised events use exact names; no costly fallback). */
    private static String first(Event e, String... fields) {
        Map<String, Object> values = e instanceof MapEvent m ? m.fields() : null;
        for (String f : fields) {
            Object v = values != null ? values.get(f) : e.get(f);
            if (v != null) {
                String s = v instanceof Number n ? Long.toString(n.longValue()) : v.toString().trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
