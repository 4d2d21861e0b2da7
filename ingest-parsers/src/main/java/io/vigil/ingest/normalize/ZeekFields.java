package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.EventNormalizer.put;
import static io.vigil.ingest.normalize.EventNormalizer.putNumber;
import static io.vigil.ingest.normalize.EventNormalizer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Zeek JSON logs (conn, dns, http, ssl ...) with flat ({@code id.orig_h}) or nested ({@code id.orig_h}) ids. */
final class ZeekFields {

    private ZeekFields() {
    }

    static void toEcs(ObjectNode e) {
        JsonNode id = e.get("id") instanceof ObjectNode o ? o : e;
        String prefix = id == e ? "id." : "";
        put(e, "event.module", "zeek");
        String path = text(e, "_path");
        put(e, "event.dataset", path == null ? "zeek" : "zeek." + path);
        put(e, "zeek.session_id", text(e, "uid"));
        put(e, "source.ip", text(id, prefix + "orig_h"));
        putNumber(e, "source.port", id.get(prefix + "orig_p"));
        put(e, "destination.ip", text(id, prefix + "resp_h"));
        putNumber(e, "destination.port", id.get(prefix + "resp_p"));
        put(e, "network.transport", text(e, "proto"));
        put(e, "network.protocol", text(e, "service"));
        put(e, "network.community_id", text(e, "community_id"));
        put(e, "dns.question.name", text(e, "query"));
        put(e, "url.domain", text(e, "host"));
        put(e, "url.path", text(e, "uri"));
        put(e, "http.request.method", text(e, "method"));
        putNumber(e, "http.response.status_code", e.get("status_code"));
        put(e, "user_agent.original", text(e, "user_agent"));
        put(e, "tls.client.server_name", text(e, "server_name"));
        put(e, "user.name", text(e, "user"));
    }
}
