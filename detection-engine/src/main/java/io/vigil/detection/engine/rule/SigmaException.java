package io.vigil.detection.engine.rule;

/** A rule that cannot be parsed or compiled; the message says where ({@code detection.sel.Image|foo}: ...). */
public class SigmaException extends RuntimeException {

    public SigmaException(String message) {
        super(message);
    }

    public SigmaException(String location, String message) {
        super(location + ": " + message);
    }
}
