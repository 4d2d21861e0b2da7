package io.vigil.ingest.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vigil.platform.errors.ProblemMapper;
import io.vigil.platform.tenancy.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates client systems by their ingestion API key ({@code X-Vigil-Api-Key}). A request without
 * the header is left to the bearer-token mechanism; a key that is unknown or revoked is refused with 401.
 * The identity carries the key's tenant, so the request's tenant set is that one tenant.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private final KeyDirectory directory;
    private final UsageRecorder usage;

    public ApiKeyMechanism(KeyDirectory directory, UsageRecorder usage) {
        this.directory = directory;
        this.usage = usage;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(ApiKeys.HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        if (context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().failure(refused("send either an API key or a bearer token, not both"));
        }
        if (!key.startsWith(ApiKeys.PREFIX) || key.length() > 200) {
            return Uni.createFrom().failure(refused("the " + ApiKeys.HEADER + " header does not hold a Vigil API key"
                    + " (they start with " + ApiKeys.PREFIX + ")"));
        }
        return directory.resolve(key).map(entry -> {
            KeyDirectory.KeyEntry e = entry.orElseThrow(() -> refused("the API key is unknown or has been revoked"));
            usage.keyUsed(e.keyId());
            QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-key:" + e.keyId()))
                    .addRole(ApiKeys.ROLE)
                    .addAttribute(ApiKeys.TENANT_ATTRIBUTE, e.tenantId())
                    .addAttribute(ApiKeys.KEY_ID_ATTRIBUTE, e.keyId());
            if (e.logSourceId() != null) {
                b.addAttribute(ApiKeys.LOG_SOURCE_ATTRIBUTE, e.logSourceId());
            }
            if (e.format() != null) {
                b.addAttribute(ApiKeys.LOG_SOURCE_FORMAT_ATTRIBUTE, e.format());
            }
            return b.build();
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    /** Before the bearer-token mechanism, so a request carrying both is refused rather than half-checked. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    private static AuthenticationFailedException refused(String detail) {
        return new AuthenticationFailedException(detail, Map.of(ProblemMapper.DETAIL_ATTRIBUTE, detail));
    }
}
