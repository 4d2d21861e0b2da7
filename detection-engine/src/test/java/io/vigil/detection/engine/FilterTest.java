package io.vigil.detection.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detection.engine.event.MapEvent;
import io.vigil.detection.engine.rule.SigmaException;
import io.vigil.detection.engine.rule.SigmaFilter;
import io.vigil.detection.engine.rule.SigmaParser;
import io.vigil.detection.engine.rule.SigmaRule;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sigma filters (specification v2): the schema's examples and the way they tune the rules they name. */
class FilterTest {

    static final String RULE = """
            title: rar compresses data
            id: 6f3e2987-db24-4c78-a860-b4f4095a7095
            name: rar_compress
            logsource: {category: process_creation, product: windows}
            detection:
              sel:
                Image|endswith: '\\\\rar.exe'
              condition: sel
            """;

    @Test
    void theSpecificationsExampleFiltersParse() throws Exception {
        for (String name : List.of("filter_1.yml", "filter_ecs.yml")) {
            SigmaFilter f = SigmaParser.parseFilter(Files.readString(SharedData.dir()
                    .resolve("sigma-semantics/sigma-specification/tests/schema/filter").resolve(name)));
            assertEquals(List.of("6f3e2987-db24-4c78-a860-b4f4095a7095", "df0841c0-9846-4e9f-ad8a-7df91571771b"), f.rules());
        }
    }

    @Test
    void aFilterIsAndedToTheRulesItNamesOnTheirOwnLogsource() {
        SigmaRule rar = SigmaParser.parse(RULE);
        SigmaFilter backups = SigmaParser.parseFilter("""
                title: the backup job compresses with rar
                logsource: {category: process_creation, product: windows}
                filter:
                  rules: [rar_compress]
                  backup_job:
                    User|startswith: 'svc_backup'
                  condition: not backup_job
                """);
        assertTrue(backups.appliesTo(rar), "named by its name");
        MapEvent admin = new MapEvent(Map.of("Image", "C:\\\\rar.exe", "User", "alice"));
        MapEvent job = new MapEvent(Map.of("Image", "C:\\\\rar.exe", "User", "SVC_BACKUP01"));
        assertTrue(backups.admits(admin));
        assertFalse(backups.admits(job), "case-insensitive as any Sigma value");

        SigmaFilter elsewhere = SigmaParser.parseFilter("""
                title: a filter for another logsource
                logsource: {category: file_event, product: windows}
                filter:
                  rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]
                  sel: {User: x}
                  condition: not sel
                """);
        assertFalse(elsewhere.appliesTo(rar), "a filter only tunes rules of its own logsource");
    }

    @Test
    void aBrokenFilterSaysWhere() {
        assertTrue(assertThrows(SigmaException.class, () -> SigmaParser.parseFilter(
                "title: x\nlogsource: {product: windows}\nfilter:\n  sel: {User: x}\n  condition: not sel\n"))
                .getMessage().startsWith("filter.rules"));
        assertTrue(assertThrows(SigmaException.class, () -> SigmaParser.parseFilter(
                "title: x\nlogsource: {product: windows}\nfilter:\n  rules: [a]\n  sel: {User|sw: x}\n  condition: not sel\n"))
                .getMessage().startsWith("filter.sel.User|sw"));
        assertTrue(assertThrows(SigmaException.class, () -> SigmaParser.parseFilter(
                "title: x\nlogsource: {product: windows}\nfilter:\n  rules: [a]\n  sel: {User: x}\n  condition: not other\n"))
                .getMessage().startsWith("filter.condition"));
    }
}
