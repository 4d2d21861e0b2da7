package io.vigil.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers. Every answer is {@code application/problem+json};
 * 4xx are logged at DEBUG, 5xx at ERROR with an error id that the body repeats. No stack trace or class
 * name ever reaches a body.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Domain exception -> status and type slug. Keep alphabetical. */
    static final Map<Class<? extends ProblemException>, Kind> TABLE = Map.ofEntries(
            Map.entry(ProblemException.BadRequest.class, new Kind(400, "bad-request", "Bad request")),
            Map.entry(ProblemException.Conflict.class, new Kind(409, "conflict", "Conflict")),
            Map.entry(ProblemException.Forbidden.class, new Kind(403, "forbidden", "Forbidden")),
            Map.entry(ProblemException.Gone.class, new Kind(410, "gone", "Gone")),
            Map.entry(ProblemException.NotFound.class, new Kind(404, "not-found", "Not found")),
            Map.entry(ProblemException.PayloadTooLarge.class, new Kind(413, "payload-too-large", "Payload too large")),
            Map.entry(ProblemException.PreconditionFailed.class, new Kind(412, "precondition-failed", "Precondition failed")),
            Map.entry(ProblemException.ServiceUnavailable.class, new Kind(503, "unavailable", "Service unavailable")),
            Map.entry(ProblemException.TooManyRequests.class, new Kind(429, "too-many-requests", "Too many requests")),
            Map.entry(ProblemException.Unauthorized.class, new Kind(401, "unauthorized", "Unauthorized")),
            Map.entry(ProblemException.Unprocessable.class, new Kind(422, "validation", "Invalid request")),
            Map.entry(ProblemException.UnsupportedMediaType.class,
                    new Kind(415, "unsupported-media-type", "Unsupported media type")));

    record Kind(int status, String slug, String title) {
    }

    /** The HTTP status a domain exception answers with (for pages that render it as HTML, not problem+json). */
    public static int statusOf(ProblemException e) {
        return kindOf(e.getClass()).status();
    }

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Kind kind = kindOf(e.getClass());
        Response.ResponseBuilder rb = build(kind, e.getMessage(), uri, e.errors().isEmpty() ? null : e.errors());
        if (e instanceof ProblemException.TooManyRequests tmr) {
            rb.header("Retry-After", Math.max(1, tmr.retryAfterSeconds()));
        }
        return rb.build();
    }

    // Quarkus' own mapper handles its subclass unless this one names it too.
    @ServerExceptionMapper({ConstraintViolationException.class, ResteasyReactiveViolationException.class})
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return build(TABLE.get(ProblemException.Unprocessable.class), detail, uri, errors).build();
    }

    // Named one by one: Quarkus' built-in mapper for MismatchedInputException would otherwise win.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = null;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
            errors = List.of(new Problem.FieldError(path(u), "unknown field"));
        } else if (e instanceof InvalidFormatException f) {
            detail = "field '" + path(f) + "' has an invalid value: " + String.valueOf(f.getValue());
            errors = List.of(new Problem.FieldError(path(f), "invalid value"));
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "field '" + path(m) + "' has the wrong type";
            errors = List.of(new Problem.FieldError(path(m), "wrong type"));
        } else if (e instanceof MismatchedInputException m) {
            detail = m.getTargetType() != null && java.util.Collection.class.isAssignableFrom(m.getTargetType())
                    ? "the body must be a JSON array" : "the body must be a JSON object";
        } else if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            detail = "the body exceeds a limit of the JSON reader (nesting depth, number or text length)";
        } else {
            detail = "the body is not valid JSON: " + scrub(e.getOriginalMessage());
        }
        return build(TABLE.get(ProblemException.BadRequest.class), detail, uri, errors).build();
    }

    /** An authentication mechanism may say precisely what was wrong (an unknown key, say) in this attribute. */
    public static final String DETAIL_ATTRIBUTE = "vigil.problem-detail";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        String detail = e instanceof AuthenticationFailedException a && a.getAttribute(DETAIL_ATTRIBUTE) != null
                ? a.getAttribute(DETAIL_ATTRIBUTE) : "a valid bearer token or API key is required";
        return build(TABLE.get(ProblemException.Unauthorized.class), detail, uri, null)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(TABLE.get(ProblemException.Forbidden.class), "your roles do not allow this operation", uri, null)
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // the JSON reader's own 400: say where the body went wrong
        }
        if (status == 404 && e.getCause() instanceof IllegalArgumentException bad) {
            // JAX-RS answers 404 for a path or query value that does not convert (limit=abc, a non-UUID id):
            // the resource exists, the request is wrong.
            return build(TABLE.get(ProblemException.BadRequest.class), "a path or query parameter has an invalid value: "
                    + scrub(String.valueOf(bad.getMessage())), uri, null).build();
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase().replace(' ', '-');
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? type.getReasonPhrase()
                : e.getMessage();
        return build(new Kind(status, slug, type.getReasonPhrase()), detail, uri, null).build();
    }

    @ServerExceptionMapper(priority = 5000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        if (DependencyDown.in(e)) {
            LOG.warnf("dependency down, answered 503 (%s) on %s: %s", errorId, uri == null ? "?" : uri.getPath(),
                    DependencyDown.reason(e));
            Problem p = new Problem(Problem.type("unavailable"), "Service unavailable", 503,
                    "a system this service depends on (database or message broker) is unavailable; retry later "
                            + "(error id " + errorId + ")",
                    uri == null ? null : uri.getPath(), errorId, null);
            return Response.status(503).header("Retry-After", 5).type(Problem.MEDIA_TYPE).entity(p).build();
        }
        if (holdsNul(e)) {
            // PostgreSQL cannot keep U+0000 in text or jsonb: the value is the client's, so is the error
            return build(TABLE.get(ProblemException.BadRequest.class), "a text value holds the character U+0000 (NUL),"
                    + " which cannot be stored: remove it", uri, null).build();
        }
        LOG.errorf(e, "unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        Problem p = new Problem(Problem.type("internal"), "Internal error", 500,
                "an unexpected error occurred; quote error id " + errorId + " to support",
                uri == null ? null : uri.getPath(), errorId, null);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** PostgreSQL refused a NUL: 22021 (invalid byte sequence 0x00 in text), 22P05 (an escaped NUL in jsonb). */
    static boolean holdsNul(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                String m = String.valueOf(sql.getMessage());
                if (m.contains("0x00") || m.contains("u0000")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("`?\\b(?:(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\.[a-z][A-Za-z0-9_]*\\(\\))?"
                    + "|[A-Z][A-Za-z0-9_$]*\\.[a-z][A-Za-z0-9_]*\\(\\))`?");

    /** A library's message with any Java class or method name taken out: bodies never carry them. */
    public static String scrub(String message) {
        if (message == null) {
            return "";
        }
        String s = CLASS_NAME.matcher(message).replaceAll("a value");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static Kind kindOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Kind k = TABLE.get(c);
            if (k != null) {
                return k;
            }
        }
        return TABLE.get(ProblemException.BadRequest.class);
    }

    private static Response.ResponseBuilder build(Kind kind, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        LOG.debugf("%d %s: %s", kind.status(), uri == null ? "?" : uri.getPath(), detail);
        Problem p = new Problem(Problem.type(kind.slug()), kind.title(), kind.status(), detail,
                uri == null ? null : uri.getPath(), null, errors);
        return Response.status(kind.status()).type(Problem.MEDIA_TYPE).entity(p);
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.arg0.name" -> "name": the method and parameter prefix means nothing to a client.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
