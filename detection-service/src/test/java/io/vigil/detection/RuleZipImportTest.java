package io.vigil.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A pack of SigmaHQ rules imported as one zip: per-file outcome, repeatable. */
@QuarkusTest
class RuleZipImportTest {

    @Test
    void providerWideRulesAreChangedOnlyByStaffAssignedToEveryClient() {
        // Bytes, not text: RestAssured encodes application/yaml text only where a class set that up globally.
        String rule = "title: certutil download\nid: 11111111-2222-3333-4444-0000000000d1\nlogsource: {product: windows,"
                + " category: process_creation}\ndetection:\n  s: {CommandLine|contains: 'certutil -urlcache'}\n  condition: s\n";
        UUID client = UUID.randomUUID();
        String oneClient = Keycloak.userToken(List.of("soc-tier3"), List.of(Keycloak.tenantGroup(client)));
        given().auth().oauth2(oneClient).contentType("application/yaml").body(rule.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/rules").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("every client"));
        given().auth().oauth2(oneClient).contentType("application/zip").body(new byte[] {'P', 'K', 5, 6})
                .post("/api/v1/rules/import").then().statusCode(org.hamcrest.Matchers.oneOf(400, 403));

        String everyClient = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        given().auth().oauth2(everyClient).contentType("application/yaml").body(rule.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/rules").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().auth().oauth2(oneClient).delete("/api/v1/rules/11111111-2222-3333-4444-0000000000d1").then().statusCode(403);
        given().auth().oauth2(everyClient).delete("/api/v1/rules/11111111-2222-3333-4444-0000000000d1").then().statusCode(204);
        given().auth().oauth2(everyClient).delete("/api/v1/rules/11111111-2222-3333-4444-0000000000d1").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(everyClient).get("/api/v1/rules?pack=custom&limit=1000").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("11111111-2222-3333-4444-0000000000d1")));
    }

    @Test
    void importsEachRuleOfTheZipAndReportsTheOnesThatDoNotCompile() throws Exception {
        Path folder = VigilInfra.sharedData().resolve("sigma-rules/rules-emerging-threats/2026/Exploits");
        List<Path> rules;
        try (Stream<Path> s = Files.walk(folder)) {
            rules = s.filter(p -> p.toString().endsWith(".yml")).sorted().limit(5).toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path r : rules) {
                zip.putNextEntry(new ZipEntry("rules/" + folder.relativize(r)));
                zip.write(Files.readAllBytes(r));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("rules/broken.yml"));
            zip.write("title: broken\nid: 11111111-2222-3333-4444-555555555555\nlogsource: {product: windows}\ndetection: {condition: nothing}\n".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sigma-master/rules-threat-hunting/windows/hunt_whoami.yml"));
            zip.write(("title: whoami run\nid: 11111111-2222-3333-4444-0000000000a1\nlogsource: {product: windows,"
                    + " category: process_creation}\ndetection:\n  s: {Image|endswith: '\\\\whoami.exe'}\n  condition: s\n").getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("README.md"));
            zip.write("not a rule".getBytes());
            zip.closeEntry();
        }
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        given().auth().oauth2(engineer).contentType("application/zip").body(bytes.toByteArray())
                .post("/api/v1/rules/import").then().statusCode(200)
                .body("files", equalTo(rules.size() + 2), "failed", equalTo(1))
                .body("results.find { it.path == 'rules/broken.yml' }.outcome", equalTo("failed"))
                .body("results.find { it.path == 'rules/broken.yml' }.error", containsString("nothing"));
        // The same zip again changes nothing.
        given().auth().oauth2(engineer).contentType("application/zip").body(bytes.toByteArray())
                .post("/api/v1/rules/import").then().statusCode(200)
                .body("unchanged", equalTo(rules.size() + 1), "created", equalTo(0), "updated", equalTo(0));
        // Packs: SigmaHQ's detection.* tag, else the SigmaHQ folder; a pack given with the import wins.
        given().auth().oauth2(engineer).get("/api/v1/rules?pack=threat-hunting&limit=1000").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem("11111111-2222-3333-4444-0000000000a1"));
        for (Path r : rules) {
            String id = Files.readAllLines(r).stream().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4).trim();
            given().auth().oauth2(engineer).get("/api/v1/rules?pack=emerging-threats&limit=1000").then()
                    .body("items.id", org.hamcrest.Matchers.hasItem(id));
        }
        given().auth().oauth2(engineer).contentType("application/zip").body(bytes.toByteArray())
                .post("/api/v1/rules/import?pack=acme-baseline").then().statusCode(200)
                .body("updated", equalTo(rules.size() + 1));
        given().auth().oauth2(engineer).get("/api/v1/rules?pack=acme-baseline&limit=1000").then().statusCode(200)
                .body("items.size()", equalTo(rules.size() + 1));
        given().auth().oauth2(engineer).contentType("application/zip").body("not a zip".getBytes())
                .post("/api/v1/rules/import").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void vigilRulesImportSendsAFolderWithItsSigmaHqLayout(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Path hunting = Files.createDirectories(folder.resolve("rules-threat-hunting/windows"));
        Files.writeString(hunting.resolve("hunt_certutil.yml"), "title: certutil run\nid: 11111111-2222-3333-4444-0000000000b1\n"
                + "logsource: {product: windows, category: process_creation}\n"
                + "detection:\n  s: {Image|endswith: '\\\\certutil.exe'}\n  condition: s\n");
        Files.writeString(hunting.resolve("broken.yml"), "title: broken\nid: 11111111-2222-3333-4444-0000000000b2\n"
                + "logsource: {product: windows}\ndetection: {condition: nothing}\n");
        Files.writeString(folder.resolve("README.md"), "not a rule");
        String engineer = Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = io.vigil.detection.engine.cli.RulesCli.run(new String[] {"import", folder.toString(), "--url",
                "http://localhost:" + io.restassured.RestAssured.port, "--token", engineer},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        org.hamcrest.MatcherAssert.assertThat(lines.get(0), containsString("rules-threat-hunting/windows/broken.yml"));
        org.hamcrest.MatcherAssert.assertThat(lines.get(1), containsString("\"failed\":1"));
        given().auth().oauth2(engineer).get("/api/v1/rules?pack=threat-hunting&limit=1000").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem("11111111-2222-3333-4444-0000000000b1"));
        String viewer = Keycloak.userToken(List.of("customer-viewer"), List.of(Keycloak.tenantGroup(java.util.UUID.randomUUID())));
        assertEquals(1, io.vigil.detection.engine.cli.RulesCli.run(new String[] {"import", folder.toString(), "--url",
                "http://localhost:" + io.restassured.RestAssured.port, "--token", viewer},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)), "a viewer may not import");
    }
}
