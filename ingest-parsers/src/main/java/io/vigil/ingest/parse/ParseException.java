package io.vigil.ingest.parse;

/** A line that cannot be parsed; the message says what is wrong and where, for the dead-letter record. */
public class ParseException extends Exception {

    public ParseException(String message) {
        super(message, null, false, false);
    }
}
