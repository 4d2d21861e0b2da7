package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a CEF message into Vigil's event schema: ECS-style names for what they mean ({@code source.ip},
 * {@code event.action}...), the full CEF names under {@code cef.extensions}, and {@code event.original}.
 * A value that should be an address but is not stays under {@code cef.extensions} and is reported in
 * {@code error.message}; the event is kept.
 */
public final class CefNormalizer {

    /** CEF's short extension keys and their full names (ArcSight CEF implementation standard). */
    static final Map<String, String> FULL_NAMES = new HashMap<>();
    /** Full CEF name -> Vigil (ECS-style) field. */
    private static final Map<String, String> ECS = new HashMap<>();
    private static final Set<String> ADDRESSES = Set.of("sourceAddress", "destinationAddress", "deviceAddress",
            "sourceTranslatedAddress", "destinationTranslatedAddress", "deviceTranslatedAddress");
    private static final Set<String> NUMBERS = Set.of("sourcePort", "destinationPort", "bytesIn", "bytesOut", "fileSize",
            "sourceTranslatedPort", "destinationTranslatedPort");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static {
        String[] pairs = {
            "act", "deviceAction", "app", "applicationProtocol", "cat", "deviceEventCategory", "cnt", "baseEventCount",
            "dhost", "destinationHostName", "dmac", "destinationMacAddress", "dntdom", "destinationNtDomain",
            "dpid", "destinationProcessId", "dpriv", "destinationUserPrivileges", "dproc", "destinationProcessName",
            "dpt", "destinationPort", "dst", "destinationAddress", "dtz", "deviceTimeZone", "duid", "destinationUserId",
            "duser", "destinationUserName", "dvc", "deviceAddress", "dvchost", "deviceHostName", "dvcmac", "deviceMacAddress",
            "dvcpid", "deviceProcessId", "end", "endTime", "fname", "fileName", "fsize", "fileSize", "in", "bytesIn",
            "msg", "message", "out", "bytesOut", "outcome", "eventOutcome", "proto", "transportProtocol",
            "request", "requestUrl", "rt", "deviceReceiptTime", "shost", "sourceHostName", "smac", "sourceMacAddress",
            "sntdom", "sourceNtDomain", "spid", "sourceProcessId", "spriv", "sourceUserPrivileges",
            "sproc", "sourceProcessName", "spt", "sourcePort", "src", "sourceAddress", "start", "startTime",
            "suid", "sourceUserId", "suser", "sourceUserName", "c6a1", "deviceCustomIPv6Address1",
            "c6a1Label", "deviceCustomIPv6Address1Label", "c6a2", "deviceCustomIPv6Address2",
            "c6a2Label", "deviceCustomIPv6Address2Label", "c6a3", "deviceCustomIPv6Address3",
            "c6a3Label", "deviceCustomIPv6Address3Label", "c6a4", "deviceCustomIPv6Address4",
            "c6a4Label", "deviceCustomIPv6Address4Label", "flexDate1", "flexDate1", "deviceDirection", "deviceDirection",
            "agt", "agentAddress", "ahost", "agentHostName", "aid", "agentId", "at", "agentType", "art", "agentReceiptTime",
            "av", "agentVersion", "dlat", "destinationGeoLatitude", "dlong", "destinationGeoLongitude",
            "slat", "sourceGeoLatitude", "slong", "sourceGeoLongitude", "reason", "reason",
        };
        for (int i = 0; i < pairs.length; i += 2) {
            FULL_NAMES.put(pairs[i], pairs[i + 1]);
        }
        for (int n = 1; n <= 6; n++) {
            FULL_NAMES.put("cs" + n, "deviceCustomString" + n);
            FULL_NAMES.put("cs" + n + "Label", "deviceCustomString" + n + "Label");
        }
        for (int n = 1; n <= 3; n++) {
            FULL_NAMES.put("cn" + n, "deviceCustomNumber" + n);
            FULL_NAMES.put("cn" + n + "Label", "deviceCustomNumber" + n + "Label");
        }
        for (int n = 1; n <= 4; n++) {
            FULL_NAMES.put("cfp" + n, "deviceCustomFloatingPoint" + n);
            FULL_NAMES.put("cfp" + n + "Label", "deviceCustomFloatingPoint" + n + "Label");
        }
        String[] ecs = {
            "sourceAddress", "source.ip", "sourcePort", "source.port", "sourceHostName", "source.domain",
            "sourceMacAddress", "source.mac", "sourceUserName", "source.user.name", "sourceUserId", "source.user.id",
            "destinationAddress", "destination.ip", "destinationPort", "destination.port",
            "destinationHostName", "destination.domain", "destinationMacAddress", "destination.mac",
            "destinationUserName", "destination.user.name", "destinationUserId", "destination.user.id",
            "deviceAddress", "observer.ip", "deviceHostName", "observer.hostname", "deviceMacAddress", "observer.mac",
            "deviceAction", "event.action", "eventOutcome", "event.outcome", "transportProtocol", "network.transport",
            "applicationProtocol", "network.protocol", "requestUrl", "url.original", "fileName", "file.name",
            "filePath", "file.path", "fileSize", "file.size", "bytesIn", "source.bytes", "bytesOut", "destination.bytes",
            "sourceProcessName", "process.name", "sourceProcessId", "process.pid",
        };
        for (int i = 0; i < ecs.length; i += 2) {
            ECS.put(ecs[i], ecs[i + 1]);
        }
    }

    private CefNormalizer() {
    }

    public static ObjectNode normalize(CefParser.Cef cef, String original) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        if (cef.timestamp() != null) {
            e.put("@timestamp", cef.timestamp().toString());
        }
        e.put("event.original", original);
        e.put("event.code", cef.deviceEventClassId());
        e.put("message", cef.name());
        e.put("observer.vendor", cef.deviceVendor());
        e.put("observer.product", cef.deviceProduct());
        e.put("observer.version", cef.deviceVersion());
        Integer severity = severity(cef.severity());
        if (severity != null) {
            e.put("event.severity", severity);
        }
        if (cef.host() != null) {
            e.put("host.name", cef.host());
        }
        e.put("cef.version", cef.version());
        e.put("cef.device.vendor", cef.deviceVendor());
        e.put("cef.device.product", cef.deviceProduct());
        e.put("cef.device.version", cef.deviceVersion());
        e.put("cef.device.event_class_id", cef.deviceEventClassId());
        e.put("cef.name", cef.name());
        e.put("cef.severity", cef.severity());
        StringBuilder errors = new StringBuilder();
        cef.extensions().forEach((key, value) -> {
            String full = FULL_NAMES.getOrDefault(key, key);
            e.put("cef.extensions." + full, value);
            String target = ECS.get(full);
            if (target == null || value.isEmpty()) {
                return;
            }
            if (ADDRESSES.contains(full) && !isIp(value)) {
                errors.append(errors.length() == 0 ? "" : "; ").append(full).append(": value is not a valid IP address");
            } else if (NUMBERS.contains(full)) {
                try {
                    e.put(target, Long.parseLong(value.trim()));
                } catch (NumberFormatException ex) {
                    errors.append(errors.length() == 0 ? "" : "; ").append(full).append(": value is not a number");
                }
            } else if (target.startsWith("network.")) {
                e.put(target, value.toLowerCase(java.util.Locale.ROOT)); // ECS keeps protocol names lower-case
            } else {
                e.put(target, value);
            }
        });
        if (errors.length() > 0) {
            e.put("error.message", errors.toString());
        }
        return e;
    }

    /** CEF severity: 0-10, or Low / Medium / High / Very-High (the lowest number of each band). */
    static Integer severity(String s) {
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "low":
                return 0;
            case "medium":
                return 4;
            case "high":
                return 7;
            case "very-high":
                return 9;
            default:
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    static boolean isIp(String v) {
        if (IPV4.matcher(v).matches()) {
            for (String part : v.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (v.indexOf(':') >= 0 && v.matches("[0-9A-Fa-f:.]+")) {
            try {
                InetAddress.getByName(v);
                return true;
            } catch (java.net.UnknownHostException ex) {
                return false;
            }
        }
        return false;
    }
}
