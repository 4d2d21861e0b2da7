package io.vigil.ingest.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A plug point: turns one raw line of a log format into a normalised event (ECS-style names, the source's
 * own names kept, {@code event.original}). Implementations are CDI beans chosen by {@link #format()}.
 */
public interface LineParser {

    /** The name clients use in {@code ?format=}. */
    String format();

    ObjectNode parse(String line, Instant received, ZoneId sourceZone) throws ParseException;
}
