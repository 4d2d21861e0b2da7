package io.vigil.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.vigil.platform.tenancy.ApiKeys;
import org.junit.jupiter.api.Test;

/** Inventory imports: thousands of rows, bad rows reported by line, re-import changes nothing. */
@QuarkusTest
class AssetImportTest {

    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private static final String[] LEVELS = {"low", "medium", "high", "critical"};

    @Test
    void importsTenThousandRowsReportsBadOnesByLineAndIsRepeatable() {
        UUID tenant = Fixtures.tenant("import");
        Inventory inv = inventory(10_000);

        long started = System.nanoTime();
        Response first = csv(inv.text, tenant, "");
        long millis = (System.nanoTime() - started) / 1_000_000;
        first.then().statusCode(200).body("rows", equalTo(10_000), "created", equalTo(10_000 - inv.bad.size()),
                "updated", equalTo(0), "unchanged", equalTo(0), "rejected", equalTo(inv.bad.size()));
        List<Map<String, Object>> errors = first.path("errors");
        Map<Integer, String> reported = new HashMap<>();
        errors.forEach(e -> reported.put((Integer) e.get("line"), (String) e.get("field")));
        assertEquals(inv.bad, reported, "each bad row is reported on its own line with the faulty field");
        System.out.printf("asset import: 10,000 rows in %d ms%n", millis);

        // The same file again: nothing created, nothing changed.
        csv(inv.text, tenant, "").then().statusCode(200).body("created", equalTo(0), "updated", equalTo(0),
                "unchanged", equalTo(10_000 - inv.bad.size()));

        // One row changed: exactly one update.
        String changed = inv.text.replace("host-00042,host-00042.corp.example,10.0.0.42," + LEVELS[42 % 4],
                "host-00042,host-00042.corp.example,10.0.0.42,critical");
        csv(changed, tenant, "").then().statusCode(200).body("updated", equalTo(1), "created", equalTo(0));
        given().auth().oauth2(Fixtures.providerAdmin())
                .get("/api/v1/assets/lookup?tenantId=" + tenant + "&hostname=host-00042").then().statusCode(200)
                .body("criticality", equalTo("CRITICAL"), "fqdn", equalTo("host-00042.corp.example"));
    }

    @Test
    void allOrNothingAndDryRunWriteNothing() {
        UUID tenant = Fixtures.tenant("import-atomic");
        String text = "hostname,criticality,addresses\nok-1,low,10.1.0.1\nbad-1,urgent,10.1.0.2\nok-2,high,10.1.0.3\n";
        csv(text, tenant, "&allOrNothing=true").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"))
                .body("errors[0].field", equalTo("line 3: criticality"));
        csv("hostname,criticality\nok-1,low\nok-2,high\n", tenant, "&dryRun=true").then().statusCode(200)
                .body("created", equalTo(2), "dryRun", equalTo(true));
        given().auth().oauth2(Fixtures.providerAdmin()).header("X-Vigil-Tenant", tenant.toString())
                .get("/api/v1/assets").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badHeaderAndBrokenCsvAreRefusedAsProblems() {
        UUID tenant = Fixtures.tenant("import-bad");
        csv("hostname,criticality,colour\na,low,red\n", tenant, "").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("colour"));
        csv("hostname,owner\na,bob\n", tenant, "").then().statusCode(422).body("errors.field", hasItem("header"));
        csv("hostname,criticality\n\"a,low\n", tenant, "").then().statusCode(400)
                .body("detail", containsString("never closed"));
    }

    @Test
    void jsonImportAndLookupByNameAndNetwork() {
        UUID tenant = Fixtures.tenant("import-json");
        UUID other = Fixtures.tenant("import-json-other");
        String body = """
                [{"hostname": "dc01", "fqdn": "dc01.ad.example", "addresses": ["10.20.0.10"], "criticality": "CRITICAL",
                  "environment": "production", "tags": ["domain-controller"]},
                 {"hostname": "office-lan", "addresses": "10.20.0.0/16 fd00:20::/48", "criticality": "low"},
                 {"hostname": "lab", "addresses": ["10.20.5.0/24"], "criticality": "medium", "cloudAccountId": "123456789012"},
                 {"hostname": "broken", "addresses": ["10.20.5.7/24"], "criticality": "low"}]
                """;
        given().auth().oauth2(Fixtures.providerAdmin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/assets/import?tenantId=" + tenant).then().statusCode(200)
                .body("created", equalTo(3), "rejected", equalTo(1))
                .body("errors[0].line", equalTo(4), "errors[0].field", equalTo("addresses"))
                .body("errors[0].reason", containsString("10.20.5.0/24"));

        // The inventory is published for the gateway's enrichment.
        String dcId = lookup(Fixtures.providerAdmin(), tenant, "hostname=dc01").then().extract().path("id");
        Map<String, String> published = redis.hash(String.class).hgetall(ApiKeys.ASSETS + tenant);
        assertEquals(dcId + "|CRITICAL|dc01", published.get("host:dc01.ad.example"));
        assertEquals(dcId + "|CRITICAL|dc01", published.get("ip:10.20.0.10"));
        org.junit.jupiter.api.Assertions.assertTrue(published.containsKey("net:fd00:20::/48"), published.toString());
        // The periodic sync leaves an intact inventory alone (the gateways keep their copy), and rewrites
        // one that Redis lost entries of.
        Long version = redis.value(Long.class).get(ApiKeys.ASSETS_VERSION + tenant);
        org.junit.jupiter.api.Assertions.assertFalse(assetDirectory.heal(tenant, assets(tenant)));
        assertEquals(version, redis.value(Long.class).get(ApiKeys.ASSETS_VERSION + tenant));
        redis.hash(String.class).hdel(ApiKeys.ASSETS + tenant, "ip:10.20.0.10");
        org.junit.jupiter.api.Assertions.assertTrue(assetDirectory.heal(tenant, assets(tenant)));
        assertEquals(published, redis.hash(String.class).hgetall(ApiKeys.ASSETS + tenant));
        assertEquals(version + 1, redis.value(Long.class).get(ApiKeys.ASSETS_VERSION + tenant));

        String admin = Fixtures.providerAdmin();
        lookup(admin, tenant, "hostname=DC01.ad.example").then().statusCode(200).body("hostname", equalTo("dc01"))
                .header("Cache-Control", containsString("max-age=60"));
        lookup(admin, tenant, "hostname=dc01.other-domain.example").then().statusCode(200).body("hostname", equalTo("dc01"));
        lookup(admin, tenant, "ip=10.20.0.10").then().statusCode(200).body("hostname", equalTo("dc01"));
        lookup(admin, tenant, "ip=10.20.5.99").then().statusCode(200).body("hostname", equalTo("lab"),
                "cloudAccountId", equalTo("123456789012"));
        lookup(admin, tenant, "ip=10.20.77.1").then().statusCode(200).body("hostname", equalTo("office-lan"));
        lookup(admin, tenant, "ip=fd00:20::1").then().statusCode(200).body("hostname", equalTo("office-lan"));
        lookup(admin, tenant, "ip=192.0.2.1").then().statusCode(404).contentType("application/problem+json");
        lookup(admin, tenant, "ip=not-an-ip").then().statusCode(422).body("errors[0].field", equalTo("ip"));
        lookup(admin, tenant, "").then().statusCode(400);

        // Another tenant's viewer learns nothing, even with the right address.
        String viewer = Fixtures.member("customer-viewer", other);
        lookup(viewer, tenant, "ip=10.20.0.10").then().statusCode(404);
        given().auth().oauth2(viewer).get("/api/v1/assets/lookup?ip=10.20.0.10").then().statusCode(404);
    }

    private static Response lookup(String token, UUID tenant, String query) {
        return given().auth().oauth2(token).get("/api/v1/assets/lookup?tenantId=" + tenant + "&" + query);
    }

    private static Response csv(String text, UUID tenant, String extra) {
        RequestSpecification spec = given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("text/csv", ContentType.TEXT)))
                .auth().oauth2(Fixtures.providerAdmin()).contentType("text/csv").body(text);
        return spec.post("/api/v1/assets/import?tenantId=" + tenant + extra);
    }

    /** An inventory CSV: a header, then rows; every 250th row is wrong in a known field. */
    record Inventory(String text, Map<Integer, String> bad) {
    }

    static Inventory inventory(int rows) {
        StringBuilder sb = new StringBuilder("hostname,fqdn,addresses,criticality,owner,environment,tags\n");
        Map<Integer, String> bad = new HashMap<>();
        List<String> faults = new ArrayList<>(List.of("criticality", "addresses", "hostname", "fqdn"));
        for (int i = 0; i < rows; i++) {
            int line = i + 2;
            String host = String.format("host-%05d", i);
            String fqdn = host + ".corp.example";
            String address = "10." + (i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256);
            String level = LEVELS[i % 4];
            if (i % 250 == 137) {
                String fault = faults.get((i / 250) % faults.size());
                bad.put(line, fault);
                switch (fault) {
                    case "criticality" -> level = "urgent";
                    case "addresses" -> address = "10.0.0.300";
                    case "hostname" -> host = "";
                    default -> fqdn = "no spaces allowed.example";
                }
            }
            sb.append(host).append(',').append(fqdn).append(',').append(address).append(',').append(level)
                    .append(",\"Ops, team ").append(i % 7).append("\",production,\"linux;fleet\"\n");
        }
        return new Inventory(sb.toString(), bad);
    }

    @jakarta.inject.Inject
    io.vigil.tenant.asset.service.AssetDirectory assetDirectory;
    @jakarta.inject.Inject
    io.vigil.tenant.asset.repository.AssetRepository assetRepository;

    /** The tenant's assets as the database holds them (read as the system, as the sync does). */
    private java.util.Collection<io.vigil.tenant.asset.Asset> assets(UUID tenant) {
        var ctx = io.quarkus.arc.Arc.container().requestContext();
        ctx.activate();
        try {
            io.quarkus.arc.Arc.container().instance(io.vigil.platform.tenancy.CurrentTenant.class).get()
                    .set(io.vigil.platform.tenancy.TenantContext.system("test"));
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> java.util.List.copyOf(assetRepository.byHostname(tenant).values()));
        } finally {
            ctx.terminate();
        }
    }
}
