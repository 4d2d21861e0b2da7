package io.vigil.cases.containment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConnectorRequest", description = "Where and how the tenant's connector carries actions. WEBHOOK: a"
        + " signed POST to the client's EDR, firewall or SOAR. LDAP: the client's directory (url ldap:// or ldaps://;"
        + " settings flavor ACTIVE_DIRECTORY or OPENLDAP, baseDn, bindDn; secret: the bind password). KEYCLOAK: the"
        + " client's SSO (url: its base URL; settings realm, clientId; secret: the client's secret).")
public record ConnectorRequest(@NotBlank String kind, @NotBlank @Size(max = 2000) String url,
        @Size(max = 20) Map<@Size(max = 64) String, @Size(max = 500) String> settings,
        @Schema(description = "Write-only: stored sealed (AES-GCM), never returned or logged. Omitted: the stored one"
                + " is kept; empty: removed.", writeOnly = true) @Size(max = 4000) String secret) {

    @Override
    public String toString() { // never the secret, whoever logs the request
        return "ConnectorRequest[kind=" + kind + ", url=" + url + ", settings=" + settings + ", secret="
                + (secret == null ? "unchanged" : "(set)") + "]";
    }
}
