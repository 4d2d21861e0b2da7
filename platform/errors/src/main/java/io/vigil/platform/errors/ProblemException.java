package io.vigil.platform.errors;

import java.util.List;

/**
 * Base of every domain error that reaches a client. Subclasses name the kind of problem; the status comes
 * from the one table in {@link ProblemMapper}, so a service never picks HTTP codes itself.
 */
public abstract class ProblemException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    protected ProblemException(String detail) {
        this(detail, List.of());
    }

    protected ProblemException(String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** The request cannot be understood or is invalid (400). */
    public static class BadRequest extends ProblemException {
        public BadRequest(String detail) {
            super(detail);
        }

        public BadRequest(String detail, List<Problem.FieldError> errors) {
            super(detail, errors);
        }
    }

    /** What the request names existed but is no longer usable (410), e.g. an expired link. */
    public static class Gone extends ProblemException {
        public Gone(String detail) {
            super(detail);
        }
    }

    /** The request conflicts with the current state (409), e.g. a duplicate natural key. */
    public static class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(detail);
        }
    }

    /** Authenticated, but the caller may not do this (403). */
    public static class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super(detail);
        }
    }

    /** Absent, or owned by a tenant the caller cannot see (404: ids of other tenants are not revealed). */
    public static class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(detail);
        }
    }

    /** The body is larger than the service accepts (413). */
    public static class PayloadTooLarge extends ProblemException {
        public PayloadTooLarge(String detail) {
            super(detail);
        }
    }

    /** The body's media type or content coding is not one the service reads (415). */
    public static class UnsupportedMediaType extends ProblemException {
        public UnsupportedMediaType(String detail) {
            super(detail);
        }
    }

    /** An {@code If-Match} precondition failed (412). */
    public static class PreconditionFailed extends ProblemException {
        public PreconditionFailed(String detail) {
            super(detail);
        }
    }

    /** Temporarily unable to accept (503), e.g. a full backlog; the client retries after {@code Retry-After}. */
    public static class ServiceUnavailable extends TooManyRequests {
        public ServiceUnavailable(String detail, long retryAfterSeconds) {
            super(detail, retryAfterSeconds);
        }
    }

    /** Over a rate limit or quota (429); {@code retryAfterSeconds} goes into {@code Retry-After}. */
    public static class TooManyRequests extends ProblemException {
        private final long retryAfterSeconds;

        public TooManyRequests(String detail, long retryAfterSeconds) {
            super(detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** No valid credentials (401). */
    public static class Unauthorized extends ProblemException {
        public Unauthorized(String detail) {
            super(detail);
        }
    }

    /** Syntactically fine but semantically invalid (422). */
    public static class Unprocessable extends ProblemException {
        public Unprocessable(String detail, List<Problem.FieldError> errors) {
            super(detail, errors);
        }
    }
}
