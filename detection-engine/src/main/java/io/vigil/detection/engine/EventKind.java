package io.vigil.detection.engine;

import io.vigil.detection.engine.event.Event;
import java.util.Locale;

/**
 * What matching first looks at in an event: its Windows event id and channel (lower-cased), either null. Every
 * event of one kind is tested against the same rules, those written for its logsource.
 */
public record EventKind(String eventId, String channel) {

    public static EventKind of(Event event) {
        Object id = event.get("EventID");
        Object channel = event.get("Channel");
        return new EventKind(id == null ? null : text(id), channel == null ? null : channel.toString().toLowerCase(Locale.ROOT));
    }

    /** One string for the kind, as the rule set's cache keys it. */
    public String key() {
        return eventId + "|" + channel;
    }

    private static String text(Object o) {
        if (o instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return o.toString().trim();
    }
}
