package io.vigil.cases.containment.rest;

/**
 * The page a named approver sees on opening their link: the request in plain words and, while the link can
 * decide, a form to approve or deny with a reason. Semantic HTML, readable on a phone, no script.
 */
final class ApprovalPage {

    private ApprovalPage() {
    }

    static String of(ApprovalView v, String outcome) {
        StringBuilder h = new StringBuilder(2048);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\"><title>Approval asked: case #").append(v.caseNumber())
                .append("</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;")
                .append("padding:0 1rem;color:#111;background:#fff}dt{font-weight:600}textarea{width:100%;min-height:6rem}")
                .append("button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}")
                .append(".approve{background:#0b6b2b;color:#fff;border:0}.deny{background:#9b1c1c;color:#fff;border:0}")
                .append("</style></head><body><main><h1>Case #").append(v.caseNumber()).append(": approval asked</h1>");
        if (outcome != null) {
            h.append("<p role=\"status\"><strong>").append(esc(outcome)).append("</strong></p>");
        }
        h.append("<p>Hello ").append(esc(v.approver())).append(". The SOC asks to <strong>").append(esc(v.action()))
                .append("</strong> on <strong>").append(esc(v.target())).append("</strong>.</p><dl>")
                .append("<dt>Case</dt><dd>").append(esc(v.caseTitle())).append(" (").append(esc(v.severity())).append(")</dd>")
                .append("<dt>Playbook</dt><dd>").append(esc(v.playbook())).append(", step ").append(v.step()).append("</dd>")
                .append("<dt>Why it waits for you</dt><dd>").append(esc(v.reason())).append("</dd>")
                .append("<dt>Link valid until</dt><dd>").append(v.expiresAt()).append(" (UTC)</dd></dl>");
        switch (v.state()) {
            case "OPEN" -> h.append("<form method=\"post\"><label for=\"note\">Your reason (required)</label>")
                    .append("<textarea id=\"note\" name=\"note\" required maxlength=\"2000\"></textarea><p>")
                    .append("<button class=\"approve\" name=\"decision\" value=\"approve\">Approve</button>")
                    .append("<button class=\"deny\" name=\"decision\" value=\"deny\">Deny</button></p></form>");
            case "USED" -> h.append("<p>This link was used at ").append(v.usedAt()).append(": ")
                    .append("APPROVED".equals(v.decision()) ? "approved" : "denied").append(". It works only once.</p>");
            case "DECIDED" -> h.append("<p>This step was already decided (").append(esc(v.stepStatus())).append(", by ")
                    .append(esc(v.decidedBy())).append(").</p>");
            default -> h.append("<p>This link has expired. Your organisation's admin can still decide in the portal.</p>");
        }
        return h.append("</main></body></html>").toString();
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
