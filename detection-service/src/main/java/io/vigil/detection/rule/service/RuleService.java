package io.vigil.detection.rule.service;

import io.vigil.detection.engine.correlation.CorrelationRule;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.repository.RuleRepository;
import io.vigil.detection.rule.rest.RuleResponse;
import io.vigil.platform.errors.Problem;
import io.vigil.platform.errors.ProblemException;
import io.vigil.platform.tenancy.Cursor;
import io.vigil.platform.tenancy.CurrentTenant;
import io.vigil.platform.tenancy.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Imports Sigma rules into the catalog: validated, versioned, idempotent for unchanged text. */
@ApplicationScoped
public class RuleService {

    private final RuleRepository rules;
    private final CurrentTenant current;

    public RuleService(RuleRepository rules, CurrentTenant current) {
        this.current = current;
        this.rules = rules;
    }

    /** The outcome of an import: the stored rule, and whether anything changed. */
    public record Imported(RuleResponse rule, boolean created, boolean changed) {
    }

    /** Known SigmaHQ folders and the pack each one is. */
    private static final java.util.Map<String, String> SIGMAHQ_FOLDERS = java.util.Map.of(
            "rules", "core", "rules-emerging-threats", "emerging-threats", "rules-threat-hunting", "threat-hunting",
            "rules-compliance", "compliance", "rules-dfir", "dfir", "rules-placeholder", "placeholder");

    /**
     * The pack of a rule: the one given, else SigmaHQ's {@code detection.*} tag, else the SigmaHQ folder it
     * sits in, else {@code custom}.
     */
    static String packOf(String given, List<String> tags, String path) {
        if (given != null && !given.isBlank()) {
            return given.trim().toLowerCase(java.util.Locale.ROOT);
        }
        for (String t : tags) {
            String tag = t.toLowerCase(java.util.Locale.ROOT);
            if (tag.startsWith("detection.")) {
                return tag.substring("detection.".length());
            }
        }
        if (path != null) {
            for (String segment : path.split("/")) {
                String pack = SIGMAHQ_FOLDERS.get(segment);
                if (pack != null) {
                    return pack;
                }
            }
        }
        return "custom";
    }

    /**
     * The catalog is the provider's: a rule runs for every client, so only staff assigned to every client
     * may add, re-version or delete one (an engineer serving one client tunes that client's detection
     * through its rule settings, filters and suppressions instead).
     */
    private void requireProviderWide() {
        if (!current.get().allTenants()) {
            throw new ProblemException.Forbidden("rules are provider-wide and change detection for every client: only"
                    + " staff assigned to every client may import, re-version or delete them; tune one client's"
                    + " detection with its rule settings, filters and suppressions");
        }
    }

    /** Removes a rule from the catalog; alerts already raised keep its id, title and version. */
    @Transactional
    public void delete(String id) {
        requireProviderWide();
        Rule r = rules.findById(id);
        if (r == null) {
            throw new ProblemException.NotFound("no rule " + id);
        }
        rules.delete(r);
    }

    @Transactional
    public Imported importRule(String yaml) {
        return importRule(yaml, null, null);
    }

    /** Imports one rule into {@code pack} (null: from its tags or {@code path}, else custom). */
    @Transactional
    public Imported importRule(String yaml, String pack, String path) {
        requireProviderWide();
        SigmaRule compiled;
        String kind = "detection";
        try {
            compiled = SigmaParser.parse(yaml);
        } catch (SigmaException notDetection) {
            if (!notDetection.getMessage().startsWith("correlation:")) {
                throw unprocessable(notDetection);
            }
            try {
                CorrelationRule c = CorrelationRule.parse(yaml);
                kind = "correlation";
                compiled = new SigmaRule(c.id(), c.name(), c.title(), c.author(), c.level(), null, null, List.of(),
                        List.of(), null, null);
            } catch (SigmaException e) {
                throw unprocessable(e);
            }
        }
        if (compiled.id() == null || compiled.id().isBlank()) {
            throw new ProblemException.Unprocessable("the rule needs an id",
                    List.of(new Problem.FieldError("id", "required to version the rule")));
        }
        Rule r = rules.findById(compiled.id());
        boolean created = r == null;
        String rulePack = packOf(pack, compiled.tags(), path);
        if (!created && r.yaml.equals(yaml) && r.pack.equals(rulePack)) {
            return new Imported(toResponse(r), false, false);
        }
        if (created) {
            r = new Rule();
            r.id = compiled.id();
            r.version = 0;
            r.enabled = true;
        }
        r.version++;
        r.title = compiled.title();
        r.author = compiled.author();
        r.level = compiled.level();
        r.status = compiled.status();
        r.yaml = yaml;
        r.kind = kind;
        r.pack = rulePack;
        r.importedAt = Instant.now();
        rules.persist(r);
        return new Imported(toResponse(r), created, true);
    }

    /**
     * Compiles a rule on its own (with the provider's log-source mapping) and runs it over pasted events:
     * what an engineer tunes a rule with before importing it. Nothing is stored or raised.
     */
    public io.vigil.detection.rule.rest.DryRunResult dryRun(io.vigil.detection.rule.rest.DryRunRequest req) {
        SigmaRule rule = compile(req.rule());
        io.vigil.detection.engine.RuleSet set = new io.vigil.detection.engine.RuleSet(
                io.vigil.detection.engine.rule.LogsourceMapping.defaults()).add(rule);
        List<Integer> matches = new java.util.ArrayList<>();
        for (int i = 0; i < req.events().size(); i++) {
            com.fasterxml.jackson.databind.JsonNode e = req.events().get(i);
            if (!e.isObject()) {
                throw new ProblemException.Unprocessable("event " + i + " is not a JSON object",
                        List.of(new Problem.FieldError("events[" + i + "]", "must be a JSON object")));
            }
            if (!set.match(io.vigil.detection.engine.event.EventFlattener.flatten(e)).isEmpty()) {
                matches.add(i);
            }
        }
        return new io.vigil.detection.rule.rest.DryRunResult(rule.id(), rule.title(), rule.level(),
                req.events().size(), matches);
    }

    /**
     * Imports every {@code .yml}/{@code .yaml} of a zip (a SigmaHQ checkout or a pack), each in its own
     * transaction: good rules are in, bad ones are reported with their path and error.
     */
    public io.vigil.detection.rule.rest.ZipImportResult importZip(byte[] zip, String pack) {
        List<io.vigil.detection.rule.rest.ZipImportResult.FileResult> results = new java.util.ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory() || !(name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    continue;
                }
                if (results.size() >= 20_000) {
                    throw new ProblemException.PayloadTooLarge("a zip may hold at most 20,000 rule files");
                }
                byte[] bytes = in.readNBytes(1_000_000);
                String yaml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                try {
                    Imported r = importRule(yaml, pack, name);
                    String outcome = r.created() ? "created" : r.changed() ? "updated" : "unchanged";
                    if (r.created()) {
                        created++;
                    } else if (r.changed()) {
                        updated++;
                    } else {
                        unchanged++;
                    }
                    results.add(new io.vigil.detection.rule.rest.ZipImportResult.FileResult(name, r.rule().id(), outcome, null));
                } catch (ProblemException e) {
                    failed++;
                    results.add(new io.vigil.detection.rule.rest.ZipImportResult.FileResult(name, null, "failed",
                            e.getMessage()));
                }
            }
        } catch (java.io.IOException e) {
            throw new ProblemException.BadRequest("the body is not a readable zip: " + e.getMessage());
        }
        if (results.isEmpty()) {
            throw new ProblemException.BadRequest("the zip holds no .yml or .yaml file");
        }
        return new io.vigil.detection.rule.rest.ZipImportResult(results.size(), created, updated, unchanged, failed, results);
    }

    /** A detection rule compiled on its own; 422 with the location of what does not compile. */
    static SigmaRule compile(String yaml) {
        try {
            return SigmaParser.parse(yaml);
        } catch (SigmaException e) {
            throw unprocessable(e);
        }
    }

    private static ProblemException unprocessable(SigmaException e) {
        String location = e.location() != null ? e.location() : "rule";
        return new ProblemException.Unprocessable("the rule does not compile: " + e.getMessage(),
                List.of(new Problem.FieldError(location, e.getMessage())));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.BadRequest("cursor is not one this API gave out");
        }
    }

    @Transactional
    public Page<RuleResponse> list(String pack, Integer limit, String cursor) {
        int n = Cursor.limit(limit, 100, 1000);
        String after = cursor == null || cursor.isBlank() ? null : decodeCursor(cursor);
        List<Rule> rows = rules.page(pack, after, n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(rows.get(n - 1).id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Page<>(rows.stream().map(RuleService::toResponse).toList(), next);
    }

    static RuleResponse toResponse(Rule r) {
        return new RuleResponse(r.id, r.version, r.title, r.author, r.level, r.status, r.pack, r.enabled, r.importedAt);
    }
}
