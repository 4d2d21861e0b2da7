package io.vigil.cases.notify.service;

import io.vigil.cases.notify.WebhookKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each tenant's webhook signing key, and the signature: {@code X-Vigil-Signature: t=<unix seconds>,v1=<hex>}
 * where v1 is HMAC-SHA256 of {@code "<t>.<body>"} under the key. The receiver recomputes it and refuses a
 * timestamp too far from its own clock, so a captured delivery cannot be replayed later.
 */
@ApplicationScoped
public class WebhookKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Clock clock;

    public WebhookKeys(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The tenant's key, made on first use (the caller's transaction; row-level security applies). */
    public WebhookKey of(UUID tenantId) {
        WebhookKey k = em.find(WebhookKey.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (k == null) {
            k = new WebhookKey();
            k.tenantId = tenantId;
            k.secret = fresh();
            k.createdAt = clock.instant();
            em.persist(k);
        }
        return k;
    }

    /** A new key for the tenant: deliveries from now on are signed with it. */
    public WebhookKey rotate(UUID tenantId) {
        WebhookKey k = of(tenantId);
        k.secret = fresh();
        k.createdAt = clock.instant();
        return k;
    }

    /** The signature header's value for this body at this time. */
    public static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String fresh() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
