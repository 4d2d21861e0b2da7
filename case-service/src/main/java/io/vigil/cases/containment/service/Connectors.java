package io.vigil.cases.containment.service;

import io.vigil.cases.containment.connector.Connector;
import io.vigil.cases.containment.repository.ConnectorRepository;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.net.OutboundAddresses;
import io.vigil.platform.tenancy.CurrentTenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's connector configurations and the connector kinds Vigil has (chosen by name, as Debezium chooses
 * its sinks). An address is checked when it is set and again when a step is sent: no loopback, link-local,
 * private or cloud-metadata address unless the operator allowed that network ({@code vigil.outbound.allowed-networks}).
 */
@ApplicationScoped
public class Connectors {

    private final ConnectorRepository repository;
    private final CurrentTenant current;
    private final Clock clock;
    private final OutboundAddresses outbound;
    private final Map<String, Connector> kinds;
    private final ConnectorSecrets secrets;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public Connectors(ConnectorRepository repository, CurrentTenant current, Clock clock, Instance<Connector> connectors,
            @ConfigProperty(name = "vigil.outbound.allowed-networks") Optional<String> allowed, ConnectorSecrets secrets,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.secrets = secrets;
        this.mapper = mapper;
        this.repository = repository;
        this.current = current;
        this.clock = clock;
        this.outbound = OutboundAddresses.allowing(allowed.orElse(null));
        this.kinds = connectors.stream().collect(Collectors.toMap(Connector::kind, Function.identity()));
    }

    @Transactional
    public ConnectorRepository.Row put(UUID tenantId, String name, String kind, String url,
            java.util.Map<String, String> settings, String secret) {
        current.requireVisible(tenantId);
        if (!io.vigil.cases.support.Names.valid(name)) {
            throw new ProblemException.BadRequest("a connector name is lower-case letters, digits and dashes (at most 63)");
        }
        String k = kind == null ? "" : kind.toUpperCase(Locale.ROOT);
        if (!kinds.containsKey(k)) {
            throw new ProblemException.BadRequest("unknown connector kind '" + kind + "'; known: " + kinds.keySet());
        }
        String why = refusal(url);
        if (why != null) {
            throw new ProblemException.BadRequest("connector " + name + ": " + why);
        }
        ConnectorSecrets.Sealed sealed = secret == null || secret.isEmpty() ? null : secrets.seal(tenantId, name, secret);
        String json;
        try {
            json = mapper.writeValueAsString(settings == null ? java.util.Map.of() : settings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        repository.put(tenantId, name, k, url, json, sealed == null ? null : sealed.box(),
                sealed == null ? null : sealed.keyId(), secret == null, clock.instant(), current.get().subject());
        return repository.find(tenantId, name).orElseThrow();
    }

    @Transactional
    public ConnectorRepository.Row get(UUID tenantId, String name) {
        current.requireVisible(tenantId);
        return repository.find(tenantId, name)
                .orElseThrow(() -> new ProblemException.NotFound("tenant " + tenantId + " has no connector " + name));
    }

    @Transactional
    public List<ConnectorRepository.Row> list(UUID tenantId) {
        current.requireVisible(tenantId);
        return repository.ofTenant(tenantId);
    }

    @Transactional
    public void delete(UUID tenantId, String name) {
        current.requireVisible(tenantId);
        if (!repository.delete(tenantId, name)) {
            throw new ProblemException.NotFound("tenant " + tenantId + " has no connector " + name);
        }
    }

    /** The connector that serves this configuration's kind. */
    public Optional<Connector> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /**
     * The configuration a step of this tenant's run is sent with: only the tenant's own row (its run names it,
     * row-level security hides the others), the credential opened with the tenant and name it was sealed for.
     */
    public Connector.Config config(ConnectorRepository.Row row) {
        String secret = null;
        if (row.secret() != null) {
            secret = secrets.open(row.tenantId(), row.name(), new ConnectorSecrets.Sealed(row.secret(), row.secretKeyId()))
                    .orElseThrow(() -> new IllegalStateException("the credential of connector " + row.name()
                            + " cannot be opened (sealed under key " + row.secretKeyId() + ", no longer configured?)"));
        }
        try {
            return new Connector.Config(row.url(), mapper.readTree(row.settings() == null ? "{}" : row.settings()), secret);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored connector settings are not readable", e);
        }
    }

    /** Why Vigil must not send to this URL, or null. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            return "not a URL: " + e.getMessage();
        }
        if (uri.getScheme() == null || !java.util.Set.of("http", "https", "ldap", "ldaps")
                .contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return "the URL must be http, https, ldap or ldaps";
        }
        if (uri.getHost() == null) {
            return "the URL has no host";
        }
        return outbound.refusal(uri.getHost());
    }
}
