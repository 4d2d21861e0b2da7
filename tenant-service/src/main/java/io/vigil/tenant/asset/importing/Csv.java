package io.vigil.tenant.asset.importing;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma separated, fields optionally in double quotes ("" inside), CRLF or LF line ends. */
public final class Csv {

    private Csv() {
    }

    /** A record and the line of the file it starts on (1-based). */
    public record Row(int line, List<String> fields) {
    }

    /** Thrown for a quote left open: the rest of the file cannot be split reliably. */
    public static final class MalformedCsv extends RuntimeException {
        public final int line;

        MalformedCsv(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int line = 1;
        int rowLine = 1;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1; // byte order mark from spreadsheet exports
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                addRow(rows, rowLine, fields);
                fields = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new MalformedCsv(rowLine, "line " + rowLine + ": a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty() || fieldWasQuoted) {
            fields.add(field.toString());
            addRow(rows, rowLine, fields);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return; // blank line
        }
        rows.add(new Row(line, fields));
    }
}
