package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.EventNormalizer.baseName;
import static io.vigil.ingest.normalize.EventNormalizer.put;
import static io.vigil.ingest.normalize.EventNormalizer.putNumber;
import static io.vigil.ingest.normalize.EventNormalizer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Windows event logs (Security, Sysmon, PowerShell ...) in their three JSON shapes, to ECS names. */
final class WindowsFields {

    private WindowsFields() {
    }

    /** Winlogbeat: {@code winlog.event_data.*} and the system fields under their Windows names. */
    static void liftWinlogbeat(ObjectNode e, ObjectNode winlog) {
        EventNormalizer.lift(e, winlog.get("event_data"));
        EventNormalizer.lift(e, winlog.get("user_data"));
        putNumber(e, "EventID", winlog.get("event_id"));
        put(e, "Channel", text(winlog, "channel"));
        put(e, "Provider_Name", text(winlog, "provider_name"));
        put(e, "Computer", text(winlog, "computer_name"));
        putNumber(e, "EventRecordID", winlog.get("record_id"));
    }

    /** evtx_dump (and python-evtx) JSON: {@code Event.System} and {@code Event.EventData}. */
    static void liftEvtxDump(ObjectNode e, ObjectNode event) {
        JsonNode system = event.get("System");
        EventNormalizer.lift(e, event.get("EventData"));
        // UserData holds one element named after the event (Operation_ClientFailure ...) with the fields
        JsonNode userData = event.get("UserData");
        if (userData != null && userData.isObject()) {
            userData.fields().forEachRemaining(f -> EventNormalizer.lift(e, f.getValue()));
        }
        system.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                EventNormalizer.put(e, f.getKey(), f.getValue());
            }
        });
        put(e, "Security_UserID", text(system.path("Security").path("#attributes"), "UserID"));
        JsonNode id = system.get("EventID");
        putNumber(e, "EventID", id != null && id.isObject() ? id.get("#text") : id);
        put(e, "Channel", text(system, "Channel"));
        put(e, "Computer", text(system, "Computer"));
        putNumber(e, "EventRecordID", system.get("EventRecordID"));
        JsonNode provider = system.path("Provider").path("#attributes");
        put(e, "Provider_Name", text(provider, "Name"));
        put(e, "TimeCreated", text(system.path("TimeCreated").path("#attributes"), "SystemTime"));
    }

    static void toEcs(ObjectNode e) {
        String code = text(e, "EventID");
        String channel = text(e, "Channel");
        put(e, "event.code", code);
        put(e, "event.provider", text(e, "Provider_Name"));
        put(e, "event.module", channel != null && channel.contains("Sysmon") ? "sysmon" : "windows");
        put(e, "winlog.channel", channel);
        put(e, "host.name", firstOf(e, "Computer", "Hostname"));

        String image = firstOf(e, "Image", "NewProcessName", "ProcessName");
        put(e, "process.executable", image);
        put(e, "process.name", baseName(image));
        put(e, "process.command_line", text(e, "CommandLine"));
        putNumber(e, "process.pid", e.get(e.has("ProcessId") ? "ProcessId" : "NewProcessId"));
        String parent = firstOf(e, "ParentImage", "ParentProcessName");
        put(e, "process.parent.executable", parent);
        put(e, "process.parent.name", baseName(parent));
        put(e, "process.parent.command_line", text(e, "ParentCommandLine"));
        putNumber(e, "process.parent.pid", e.get("ParentProcessId"));

        user(e, firstOf(e, "User", "TargetUserName", "SubjectUserName"), text(e, "TargetDomainName"));
        put(e, "source.ip", firstOf(e, "SourceIp", "IpAddress"));
        putNumber(e, "source.port", e.get(e.has("SourcePort") ? "SourcePort" : "IpPort"));
        put(e, "source.domain", text(e, "SourceHostname"));
        put(e, "destination.ip", text(e, "DestinationIp"));
        putNumber(e, "destination.port", e.get("DestinationPort"));
        put(e, "destination.domain", text(e, "DestinationHostname"));
        put(e, "network.transport", lower(text(e, "Protocol")));

        String file = firstOf(e, "TargetFilename", "ImageLoaded");
        put(e, "file.path", file);
        put(e, "file.name", baseName(file));
        put(e, "registry.path", text(e, "TargetObject"));
        put(e, "registry.data.strings", text(e, "Details"));
        put(e, "dns.question.name", text(e, "QueryName"));
        put(e, "url.full", text(e, "Url"));
        hashes(e, file != null ? "file.hash." : "process.hash.");
        category(e, code, channel);
    }

    private static void user(ObjectNode e, String user, String domain) {
        if (user == null) {
            return;
        }
        int slash = user.indexOf('\\');
        if (slash > 0) {
            put(e, "user.domain", user.substring(0, slash));
            put(e, "user.name", user.substring(slash + 1));
        } else {
            put(e, "user.name", user);
            put(e, "user.domain", domain);
        }
    }

    /** Sysmon's {@code Hashes: SHA1=..,MD5=..,SHA256=..,IMPHASH=..}, lower-cased as ECS has them. */
    private static void hashes(ObjectNode e, String prefix) {
        String hashes = firstOf(e, "Hashes", "Hash");
        if (hashes == null) {
            return;
        }
        for (String part : hashes.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String algo = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
                if (algo.equals("imphash")) {
                    put(e, (prefix.startsWith("file") ? "file" : "process") + ".pe.imphash", value);
                } else {
                    put(e, prefix + algo, value);
                }
            }
        }
    }

    /** ECS event.category of the common Sysmon and Security events. */
    private static void category(ObjectNode e, String code, String channel) {
        if (code == null || e.has("event.category")) {
            return;
        }
        boolean sysmon = channel != null && channel.contains("Sysmon");
        String category = null;
        String type = null;
        if (sysmon) {
            switch (code) {
                case "1" -> { category = "process"; type = "start"; }
                case "5" -> { category = "process"; type = "end"; }
                case "3" -> { category = "network"; type = "connection"; }
                case "7" -> { category = "library"; type = "start"; }
                case "11", "23", "26" -> { category = "file"; type = code.equals("11") ? "creation" : "deletion"; }
                case "12", "13", "14" -> { category = "registry"; type = "change"; }
                case "22" -> { category = "network"; type = "protocol"; }
                default -> { }
            }
        } else {
            switch (code) {
                case "4688" -> { category = "process"; type = "start"; }
                case "4689" -> { category = "process"; type = "end"; }
                case "4624", "4625", "4648", "4634" -> { category = "authentication"; type = "start"; }
                case "4720", "4722", "4725", "4726", "4738" -> { category = "iam"; type = "user"; }
                default -> { }
            }
            if (code.equals("4625")) {
                put(e, "event.outcome", "failure");
            } else if (code.equals("4624")) {
                put(e, "event.outcome", "success");
            }
        }
        if (category != null) {
            ArrayNode c = JsonNodeFactory.instance.arrayNode().add(category);
            e.set("event.category", c);
            e.set("event.type", JsonNodeFactory.instance.arrayNode().add(type));
        }
    }

    private static String firstOf(JsonNode e, String... fields) {
        for (String f : fields) {
            String v = text(e, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
