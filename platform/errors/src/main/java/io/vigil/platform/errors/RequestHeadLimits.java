package io.vigil.platform.errors;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request line or header block over Vigil's limits is answered 414 or 431 with a problem+json body naming
 * the limit. The HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) sit well above these and answer with no body at all, since no code runs before
 * them; they only catch what no client would send.
 */
@ApplicationScoped
public class RequestHeadLimits {

    private final int maxTarget;
    private final int maxHeaderBytes;

    public RequestHeadLimits(@ConfigProperty(name = "vigil.http.max-request-target", defaultValue = "8192") int maxTarget,
            @ConfigProperty(name = "vigil.http.max-header-bytes", defaultValue = "16384") int maxHeaderBytes) {
        this.maxTarget = maxTarget;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        int target = r.uri().length();
        if (target > maxTarget) {
            refuse(ctx, 414, "uri-too-long", "URI too long", "the request target is " + target
                    + " characters, over the limit of " + maxTarget + ": send long filters in a POST body");
            return;
        }
        if (holdsEncodedNul(r.uri())) {
            refuse(ctx, 400, "bad-request", "Bad request", "the request target holds an encoded NUL character (%00),"
                    + " which no path segment or query value may hold");
            return;
        }
        int bytes = 0;
        for (Map.Entry<String, String> h : r.headers()) {
            bytes += h.getKey().length() + h.getValue().length() + 4; // ": " and CRLF
        }
        if (bytes > maxHeaderBytes) {
            refuse(ctx, 431, "header-fields-too-large", "Request header fields too large", "the request's headers take "
                    + bytes + " bytes, over the limit of " + maxHeaderBytes);
            return;
        }
        ctx.next();
    }

    static boolean holdsEncodedNul(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                return true;
            }
        }
        return uri.indexOf('\0') >= 0;
    }

    private static void refuse(RoutingContext ctx, int status, String slug, String title, String detail) {
        String body = "{\"type\":\"" + Problem.type(slug) + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
