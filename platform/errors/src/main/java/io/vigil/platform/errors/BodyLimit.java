package io.vigil.platform.errors;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is over {@code quarkus.http.limits.max-body-size} with a
 * problem+json 413 naming the limit, before the body is read (Quarkus' own answer has no body). A chunked
 * body that turns out too long is still cut off by Quarkus.
 */
@ApplicationScoped
public class BodyLimit {

    private final Optional<MemorySize> limit;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && declared.length() < 19 && parse(declared) > max) {
                String path = ctx.request().path();
                String body = "{\"type\":\"" + Problem.type("payload-too-large") + "\",\"title\":\"Payload too large\","
                        + "\"status\":413,\"detail\":\"the body is " + declared + " bytes, over the limit of " + max
                        + " bytes: split it into smaller batches\",\"instance\":\"" + path.replace("\"", "") + "\"}";
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body)
                        .onComplete(done -> ctx.request().connection().close()); // do not wait for the body
                return;
            }
            ctx.next();
        });
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
