package io.vigil.cases.containment.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cases.containment.Action;
import io.vigil.cases.containment.Playbook;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The playbooks Vigil ships (classpath {@code playbooks/starter.json}), checked when the service starts. */
@ApplicationScoped
public class PlaybookCatalog {

    private final Map<String, Playbook> byName = new TreeMap<>();

    public PlaybookCatalog(ObjectMapper mapper) throws IOException {
        try (InputStream in = PlaybookCatalog.class.getResourceAsStream("/playbooks/starter.json")) {
            if (in == null) {
                throw new IllegalStateException("playbooks/starter.json is missing from the service");
            }
            for (JsonNode p : mapper.readTree(in)) {
                Playbook playbook = parse(p);
                byName.put(playbook.name(), playbook);
            }
        }
    }

    public Collection<Playbook> all() {
        return byName.values();
    }

    public Optional<Playbook> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static Playbook parse(JsonNode p) {
        String name = p.path("name").asText("");
        if (!io.vigil.cases.support.Names.valid(name)) {
            throw new IllegalArgumentException("playbook name '" + name + "' is not lower-case letters, digits and dashes");
        }
        List<Playbook.Step> steps = new ArrayList<>();
        for (JsonNode s : p.path("steps")) {
            Action action = Action.of(s.path("action").asText(""));
            String connector = s.path("connector").asText("");
            if (connector.isBlank() && !action.internal()) {
                throw new IllegalArgumentException("playbook " + name + ": step " + action.wire() + " names no connector");
            }
            String title = s.path("title").asText(null);
            if ((title != null && title.length() > 500) || s.path("note").asText("").length() > 2000) {
                throw new IllegalArgumentException("playbook " + name + ": a step's title is at most 500 characters, its note 2,000");
            }
            if (action == Action.CREATE_TASK && (title == null || title.isBlank())) {
                throw new IllegalArgumentException("playbook " + name + ": a create_task step names its title");
            }
            String audience = s.path("audience").asText(null);
            if (audience != null && java.util.Arrays.stream(io.vigil.cases.communication.Communication.Audience.values())
                    .noneMatch(a -> a.name().equalsIgnoreCase(audience))) {
                throw new IllegalArgumentException("playbook " + name + ": audience '" + audience + "' is not one of "
                        + java.util.Arrays.toString(io.vigil.cases.communication.Communication.Audience.values()));
            }
            String onFailure = s.path("onFailure").asText("stop");
            if (java.util.Arrays.stream(Playbook.OnFailure.values()).noneMatch(f -> f.name().equalsIgnoreCase(onFailure))) {
                throw new IllegalArgumentException("playbook " + name + ": onFailure '" + onFailure
                        + "' is not one of stop, continue, ask");
            }
            if (!connector.isBlank() && !io.vigil.cases.support.Names.valid(connector)) {
                throw new IllegalArgumentException("playbook " + name + ": connector '" + connector
                        + "' is not a connector name (lower-case letters, digits and dashes)");
            }
            int timeout = s.path("timeoutSeconds").asInt(Playbook.DEFAULT_TIMEOUT_SECONDS);
            if (timeout < 1 || timeout > 120) {
                throw new IllegalArgumentException("playbook " + name + ": timeoutSeconds is 1 to 120, not " + timeout);
            }
            steps.add(new Playbook.Step(action, connector.isBlank() ? "vigil" : connector, Playbook.OnFailure.valueOf(
                    onFailure.toUpperCase(Locale.ROOT)), title,
                    audience == null ? null : audience.toUpperCase(Locale.ROOT), s.path("note").asText(null), timeout));
        }
        if (steps.size() > 30) {
            throw new IllegalArgumentException("playbook " + name + " has " + steps.size() + " steps; at most 30");
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("playbook " + name + " has no steps");
        }
        return new Playbook(name, p.path("version").asInt(1), p.path("title").asText(name),
                p.path("description").asText(""), List.copyOf(steps));
    }
}
