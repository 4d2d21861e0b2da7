package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Brings a JSON event to Vigil's schema: ECS-style dotted names ({@code process.executable},
 * {@code source.ip} ...) are added beside the original fields, which stay untouched so Sigma rules written
 * on source names ({@code Image}, {@code CommandLine}, {@code EventID}) still match. Known shapes:
 * Windows events as flat JSON (evtx tools), as evtx_dump's {@code Event.System}/{@code Event.EventData}
 * and as Winlogbeat's {@code winlog.*} (whose fields are also lifted to their Windows names); AWS
 * CloudTrail records; Zeek JSON logs. A value the client already set is never overwritten.
 */
public final class EventNormalizer {

    /** What an event was recognised as. */
    public enum Shape {
        WINDOWS, CLOUDTRAIL, ZEEK, OTHER
    }

    /**
     * Every top-level field whose value normalisation reads (for the rest it only asks whether they are
     * there). A caller may hand {@link #normalize} an event holding just these values, and a placeholder for
     * every other field, and get the same added fields: the gateway does, to skip decoding the rest.
     * {@code EventNormalizerTest} checks that on every sample event.
     */
    public static final java.util.Set<String> READS = java.util.Set.of(
            // shapes
            "winlog", "Event", "EventID", "eventSource", "eventName", "eventVersion", "uid", "id", "_path", "ts",
            // Windows
            "Channel", "Provider_Name", "Computer", "Hostname", "Image", "NewProcessName", "ProcessName", "CommandLine",
            "ProcessId", "NewProcessId", "ParentImage", "ParentProcessName", "ParentCommandLine", "ParentProcessId",
            "User", "TargetUserName", "SubjectUserName", "TargetDomainName", "SourceIp", "IpAddress", "SourcePort",
            "IpPort", "SourceHostname", "DestinationIp", "DestinationPort", "DestinationHostname", "Protocol",
            "TargetFilename", "ImageLoaded", "TargetObject", "Details", "QueryName", "Url", "Hashes", "Hash",
            // CloudTrail
            "awsRegion", "sourceIPAddress", "userAgent", "userIdentity", "recipientAccountId", "errorCode",
            "errorMessage", "responseElements",
            // Zeek
            "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "community_id", "query", "host",
            "uri", "method", "status_code", "user_agent", "server_name", "user");

    private EventNormalizer() {
    }

    public static Shape normalize(ObjectNode e) {
        if (e.get("winlog") instanceof ObjectNode winlog) {
            WindowsFields.liftWinlogbeat(e, winlog);
        } else if (e.get("Event") instanceof ObjectNode event && event.get("System") instanceof ObjectNode) {
            WindowsFields.liftEvtxDump(e, event);
        }
        if (e.has("EventID") && (e.has("Channel") || e.has("Provider_Name") || e.has("Computer"))) {
            WindowsFields.toEcs(e);
            return Shape.WINDOWS;
        }
        if (e.has("eventSource") && e.has("eventName") && e.has("eventVersion")) {
            CloudTrailFields.toEcs(e);
            return Shape.CLOUDTRAIL;
        }
        if (e.has("uid") && (e.has("id.orig_h") || e.get("id") instanceof ObjectNode) || e.has("_path") && e.has("ts")) {
            ZeekFields.toEcs(e);
            return Shape.ZEEK;
        }
        return Shape.OTHER;
    }

    /** Sets {@code field} unless the event already has it or the value is missing. */
    static void put(ObjectNode e, String field, String value) {
        if (value != null && !value.isEmpty() && !e.has(field)) {
            e.put(field, value);
        }
    }

    static void put(ObjectNode e, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode() && !e.has(field)) {
            e.set(field, value);
        }
    }

    /** A number if the text is one (ports, pids arrive as strings from Windows), else the text. */
    static void putNumber(ObjectNode e, String field, JsonNode value) {
        if (value == null || value.isNull() || e.has(field)) {
            return;
        }
        if (value.isNumber()) {
            e.set(field, value);
            return;
        }
        String s = value.asText().trim();
        try {
            e.put(field, Long.parseLong(s));
        } catch (NumberFormatException ex) {
            if (!s.isEmpty() && !s.equals("-")) {
                e.put(field, s);
            }
        }
    }

    static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    /**
     * Copies the fields of {@code from} to the top level of {@code to} where they are not set yet. Names lose
     * their spaces ("Threat Name" becomes ThreatName, as Sigma's Windows Defender rules name it).
     */
    static void lift(ObjectNode to, JsonNode from) {
        if (from == null || !from.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey().indexOf(' ') >= 0 ? f.getKey().replace(" ", "") : f.getKey();
            if (!name.startsWith("#") && !to.has(name)) {
                to.set(name, f.getValue());
            }
        }
    }

    /** The last path element of a Windows or POSIX path. */
    static String baseName(String path) {
        if (path == null) {
            return null;
        }
        int i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return i < 0 ? path : path.substring(i + 1);
    }
}
