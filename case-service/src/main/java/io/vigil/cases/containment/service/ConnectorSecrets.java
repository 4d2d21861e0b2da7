package io.vigil.cases.containment.service;

import io.vigil.platform.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connector credentials sealed with AES-256-GCM under a key from the environment ({@code vigil.connectors.keys}:
 * {@code id:base64,id:base64}; new seals use {@code vigil.connectors.current-key}). The tenant and connector
 * name are the associated data, so a sealed secret copied onto another tenant's row does not open. Older keys
 * stay listed until every secret sealed with them is set again.
 */
@ApplicationScoped
public class ConnectorSecrets {

    /** A sealed secret and the id of the key that sealed it. */
    public record Sealed(byte[] box, String keyId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String current;

    public ConnectorSecrets(@ConfigProperty(name = "vigil.connectors.keys") Optional<String> keys,
            @ConfigProperty(name = "vigil.connectors.current-key") Optional<String> current) {
        for (String entry : keys.orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("vigil.connectors.keys: an entry is id:base64-key");
            }
            byte[] k = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (k.length != 32) {
                throw new IllegalArgumentException("vigil.connectors.keys: key " + entry.substring(0, colon)
                        + " is not 32 bytes (AES-256)");
            }
            this.keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(k, "AES"));
        }
        this.current = current.orElse(this.keys.isEmpty() ? null : this.keys.keySet().iterator().next());
        if (this.current != null && !this.keys.containsKey(this.current)) {
            throw new IllegalArgumentException("vigil.connectors.current-key names no key of vigil.connectors.keys");
        }
    }

    public Sealed seal(UUID tenantId, String connector, String secret) {
        if (current == null) {
            throw new ProblemException.ServiceUnavailable("connector credentials cannot be stored: the operator has set"
                    + " no vigil.connectors.keys (VIGIL_CONNECTOR_KEYS)", 300);
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(tenantId, connector));
            byte[] body = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(ByteBuffer.allocate(NONCE + body.length).put(nonce).put(body).array(), current);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret, or empty when the key that sealed it is gone or the box was not sealed for this row. */
    public Optional<String> open(UUID tenantId, String connector, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null || sealed.box().length <= NONCE) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed.box(), 0, NONCE));
            c.updateAAD(aad(tenantId, connector));
            return Optional.of(new String(c.doFinal(sealed.box(), NONCE, sealed.box().length - NONCE), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(UUID tenantId, String connector) {
        return (tenantId + "/" + connector).getBytes(StandardCharsets.UTF_8);
    }
}
