package io.vigil.reporting.briefing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A case in the words of the client's CIO: what an attack stage means, what a status means, how often we update. */
public final class BusinessTerms {

    private BusinessTerms() {
    }

    /** ATT&CK Enterprise tactics, in the order of an attack. */
    static final Map<String, String> TACTICS = Map.ofEntries(
            Map.entry("reconnaissance", "someone gathered information about your organisation to prepare an attack"),
            Map.entry("resource-development", "an attacker prepared infrastructure or tools to use against you"),
            Map.entry("initial-access", "an attacker tried to get a first foothold in your network"),
            Map.entry("execution", "an attacker ran programs or commands on your systems"),
            Map.entry("persistence", "an attacker tried to keep access that survives restarts and password changes"),
            Map.entry("privilege-escalation", "an attacker tried to gain administrator rights"),
            Map.entry("defense-evasion", "an attacker tried to hide from or switch off your security tools"),
            Map.entry("credential-access", "an attacker tried to steal passwords or other credentials"),
            Map.entry("discovery", "an attacker explored your systems and network to find what to target"),
            Map.entry("lateral-movement", "an attacker tried to move from one system to others"),
            Map.entry("collection", "an attacker gathered data that could be stolen"),
            Map.entry("command-and-control", "a compromised system talked to servers the attacker controls"),
            Map.entry("exfiltration", "data may have been sent out of your organisation"),
            Map.entry("impact", "an attacker tried to disrupt your systems or data, for example by encrypting or deleting it"));
    static final List<String> ORDER = List.of("reconnaissance", "resource-development", "initial-access", "execution",
            "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");

    /** The case's attack stages as sentences, in attack order; unknown stages are left out. */
    public static List<String> whatHappened(String[] tactics) {
        return java.util.Arrays.stream(tactics).map(BusinessTerms::tactic).filter(TACTICS::containsKey).distinct()
                .sorted(java.util.Comparator.comparingInt(ORDER::indexOf)).map(TACTICS::get).toList();
    }

    static String tactic(String t) {
        return t.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }

    public static String status(String status) {
        return switch (status) {
            case "NEW" -> "Detected: the SOC has not started on it yet";
            case "ACKNOWLEDGED" -> "Acknowledged: an analyst is assessing it";
            case "IN_PROGRESS" -> "Under investigation: the SOC is working to understand and stop it";
            case "WAITING_ON_CUSTOMER" -> "Waiting for your team: the SOC needs an answer or an action from you";
            case "CONTAINED" -> "Contained: the threat can no longer spread; the SOC is removing it";
            case "RESOLVED" -> "Resolved: the threat is removed and systems are returning to normal";
            default -> "Closed";
        };
    }

    /** How often the client hears from the SOC while a case is open, by priority. */
    public static java.time.Duration updateCadence(String priorityLabel) {
        return switch (priorityLabel) {
            case "P1" -> java.time.Duration.ofHours(1);
            case "P2" -> java.time.Duration.ofHours(4);
            case "P3" -> java.time.Duration.ofHours(24);
            default -> java.time.Duration.ofHours(72);
        };
    }

    /** A containment action on its target, as a sentence the client's CIO can approve or deny. */
    public static String action(String action, String target) {
        String t = target == null ? "" : " " + target;
        return switch (action) {
            case "isolate_host" -> "Cut the host" + t + " off the network";
            case "release_host" -> "Reconnect the host" + t + " to the network";
            case "disable_account" -> "Disable the account" + t;
            case "enable_account" -> "Re-enable the account" + t;
            case "revoke_sessions" -> "Sign the account" + t + " out everywhere";
            case "reset_credentials" -> "Reset the password of" + (t.isEmpty() ? " the account" : t);
            case "block_ip" -> "Block the address" + t;
            case "block_domain" -> "Block the domain" + t;
            case "block_hash" -> "Block the file" + t;
            case "quarantine_file" -> "Quarantine the file" + t;
            default -> action.replace('_', ' ') + t;
        };
    }

    public static int criticalityRank(String criticality) {
        return switch (criticality == null ? "" : criticality) {
            case "CRITICAL" -> 0;
            case "HIGH" -> 1;
            case "MEDIUM" -> 2;
            case "LOW" -> 3;
            default -> 4;
        };
    }

    /** The first sentence of a briefing. */
    public static String headline(String severity, int systems, long critical, boolean contained, boolean closed) {
        String sev = severity.charAt(0) + severity.substring(1).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(sev).append(" incident affecting ")
                .append(systems == 0 ? "no named system" : systems == 1 ? "1 system" : systems + " systems");
        if (critical > 0) {
            b.append(", ").append(critical).append(" of them business-critical");
        }
        b.append(closed ? "; closed." : contained ? "; contained." : "; not yet contained.");
        return b.toString();
    }
}
