package io.vigil.cases.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on creates: the first request with a key runs and its answer is kept; a retry with
 * the same key and the same request gets that answer again ({@code Idempotent-Replayed: true}), so a client
 * that lost the first answer never creates twice. The same key on another request is 422; a retry while the
 * first is still running is 409. Keys are the caller's own and live 24 hours.
 */
@ApplicationScoped
public class Idempotency {

    static final Duration LIFE = Duration.ofHours(24);
    /** A claim older than this was left by a crash and may be taken again. */
    static final Duration STALE_CLAIM = Duration.ofSeconds(60);

    private final EntityManager em;
    private final CurrentTenant current;
    private final ObjectMapper mapper;

    public Idempotency(EntityManager em, CurrentTenant current, ObjectMapper mapper) {
        this.em = em;
        this.current = current;
        this.mapper = mapper;
    }

    /**
     * Runs {@code create} once per key: {@code scope} names the operation and its target (method and path),
     * {@code request} what was asked (its JSON, or a digest of an upload); {@code stillVisible} throws (404)
     * when the caller no longer sees the target, and runs before any replay.
     */
    public Response once(String key, String scope, Object request, Runnable stillVisible, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw new ProblemException.Unprocessable("Idempotency-Key must be 1 to 200 characters",
                    List.of(new Problem.FieldError("Idempotency-Key", "1 to 200 characters, e.g. a UUID")));
        }
        String owner = current.get().subject();
        String fingerprint = fingerprint(scope, request);
        Instant now = Instant.now();
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> claim(owner, key, scope, fingerprint, now));
        if (stored != null) {
            QuarkusTransaction.requiringNew().run(stillVisible); // the caller who lost the tenant gets nothing of it
            return replay(stored);
        }
        Response answer;
        try {
            answer = create.get();
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from idempotency_keys where owner = ?1 and key = ?2").setParameter(1, owner)
                    .setParameter(2, key).executeUpdate()); // a refused create may be retried with its key
            throw e;
        }
        String body = write(answer.getEntity());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update idempotency_keys set status = ?3,"
                + " location = ?4, body = ?5 where owner = ?1 and key = ?2")
                .setParameter(1, owner).setParameter(2, key).setParameter(3, answer.getStatus())
                .setParameter(4, answer.getLocation() == null ? null : answer.getLocation().toString())
                .setParameter(5, body).executeUpdate());
        return answer;
    }

    /** Null when this request now holds the key; else the stored row (status, location, body, scope, fingerprint). */
    private Object[] claim(String owner, String key, String scope, String fingerprint, Instant now) {
        int taken = em.createNativeQuery("insert into idempotency_keys (owner, key, scope, fingerprint, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (owner, key) do update set scope = excluded.scope,"
                + " fingerprint = excluded.fingerprint, created_at = excluded.created_at, status = null, body = null,"
                + " location = null"
                + " where idempotency_keys.created_at < ?6 or (idempotency_keys.status is null and idempotency_keys.created_at < ?7)")
                .setParameter(1, owner).setParameter(2, key).setParameter(3, scope).setParameter(4, fingerprint)
                .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(now.minus(LIFE)))
                .setParameter(7, Timestamp.from(now.minus(STALE_CLAIM))).executeUpdate();
        if (taken == 1) {
            return null;
        }
        Object[] row = (Object[]) em.createNativeQuery("select status, location, body, scope, fingerprint"
                + " from idempotency_keys where owner = ?1 and key = ?2").setParameter(1, owner).setParameter(2, key)
                .getSingleResult();
        if (!scope.equals(row[3]) || !fingerprint.equals(row[4])) {
            throw new ProblemException.Unprocessable("this Idempotency-Key was used for another request in the last"
                    + " 24 hours; use a new key for a new request",
                    List.of(new Problem.FieldError("Idempotency-Key", "already used for another request")));
        }
        if (row[0] == null) {
            throw new ProblemException.Conflict("the first request with this Idempotency-Key is still being processed;"
                    + " retry in a moment");
        }
        return row;
    }

    private static Response replay(Object[] row) {
        Response.ResponseBuilder r = Response.status(((Number) row[0]).intValue()).header("Idempotent-Replayed", "true");
        if (row[1] != null) {
            r.location(URI.create((String) row[1]));
        }
        if (row[2] != null) {
            r.entity(row[2]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return r.build();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void forgetOld() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from idempotency_keys where created_at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(LIFE))).executeUpdate());
    }

    private String fingerprint(String scope, Object request) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(scope.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update((request instanceof String s ? s : write(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object o) {
        try {
            return o == null ? null : mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
