package io.vigil.detection.engine.rule;

/** A rule that cannot be parsed or compiled; the message says where ({@code detection.sel.Image|foo}: ...). */
public class SigmaException extends RuntimeException {

    private final String location;
    private final String detail;

    public SigmaException(String message) {
        super(message);
        this.location = null;
        this.detail = message;
    }

    public SigmaException(String location, String message) {
        super(location + ": " + message);
        this.location = location;
        this.detail = message;
    }

    /** What is wrong, without where. */
    public String detail() {
        return detail;
    }

    /** Where in the rule the problem is (a YAML path such as {@code detection.sel}), or null when not known. */
    public String location() {
        return location;
    }
}
