package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vigil.client.ApiClient;
import io.vigil.client.api.AssetsApi;
import io.vigil.client.api.CasesApi;
import io.vigil.client.api.ContainmentApi;
import io.vigil.client.api.ContainmentPreApprovalsApi;
import io.vigil.client.api.IngestionApi;
import io.vigil.client.api.IngestionApiKeysApi;
import io.vigil.client.api.LogSourcesApi;
import io.vigil.client.api.ReportsApi;
import io.vigil.client.api.RulesApi;
import io.vigil.client.api.TenantsApi;
import io.vigil.client.model.Action;
import io.vigil.client.model.ApiKeyRequest;
import io.vigil.client.model.ApiKeyResponse;
import io.vigil.client.model.AssetRequest;
import io.vigil.client.model.CasePage;
import io.vigil.client.model.CaseResponse;
import io.vigil.client.model.CaseUpdate;
import io.vigil.client.model.Classification;
import io.vigil.client.model.CloseRequest;
import io.vigil.client.model.ConnectorRequest;
import io.vigil.client.model.ContainmentPolicyBody;
import io.vigil.client.model.Criticality;
import io.vigil.client.model.Format;
import io.vigil.client.model.IngestResult;
import io.vigil.client.model.LogSourceRequest;
import io.vigil.client.model.LogSourceResponse;
import io.vigil.client.model.MetricsResponse;
import io.vigil.client.model.PlaybookRun;
import io.vigil.client.model.PlaybookRunRequest;
import io.vigil.client.model.RuleBody;
import io.vigil.client.model.SocModel;
import io.vigil.client.model.Status6;
import io.vigil.client.model.TenantRequest;
import io.vigil.client.model.TenantResponse;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline through the gateway only, with the Java client generated from the merged document a client
 * system sees (openapi/vigil-api.json): a client is onboarded, its telemetry comes in with its ingestion key,
 * detection raises the alerts, case-service groups them into a case, a pre-approved isolation runs through the
 * client's webhook (a real HTTP server standing in for its EDR), the case is closed as a true positive, and the
 * client's figures for the month in reporting-service count it.
 */
class WholePipelineIT {

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    @Test
    void anEventBecomesAnAlertACaseAContainmentAClosureAndTheMonthsFigures() throws Exception {
        List<String> edrCalls = new CopyOnWriteArrayList<>();
        HttpServer edr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        edr.createContext("/", x -> {
            edrCalls.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        edr.start();
        try {
            // Preparation, as the provider's admin and the client's admin.
            ApiClient provider = api(Stack.providerAdmin());
            TenantResponse tenant = new TenantsApi(provider).tenantResourceCreate(new TenantRequest().name("Whole Pipeline Co")
                    .slug("wp-" + UUID.randomUUID().toString().substring(0, 8)).socModel(SocModel.MANAGED).timeZone("Europe/Lisbon"));
            UUID id = tenant.getId();
            LogSourceResponse source = new LogSourcesApi(provider).logSourceResourceCreate(id, new LogSourceRequest()
                    .name("Sysmon on workstations").product("Microsoft Sysmon").format(Format.JSON));
            ApiKeyResponse key = new IngestionApiKeysApi(provider).apiKeyResourceCreate(id,
                    new ApiKeyRequest().name("shipper").logSourceId(source.getId()));
            assertNotNull(key.getKey(), "the key is shown once, in the answer");
            new AssetsApi(provider).assetResourceCreate(new AssetRequest().tenantId(id).hostname("swachchhanda")
                    .criticality(Criticality.LOW));
            ApiClient clientAdmin = api(Keycloak.userToken(List.of("customer-admin"), List.of("/tenants/" + id)));
            new ContainmentPreApprovalsApi(clientAdmin).containmentResourceReplace(id, new ContainmentPolicyBody()
                    .rules(List.of(new RuleBody().action(Action.ISOLATE_HOST).maxCriticality(Criticality.MEDIUM)))
                    .approvers(List.of()).escalateAfterMinutes(30));
            new ContainmentApi(clientAdmin).putConnector("edr", id, new ConnectorRequest().kind("WEBHOOK")
                    .url("http://127.0.0.1:" + edr.getAddress().getPort() + "/edr"));
            new RulesApi(api(Keycloak.userToken(List.of("soc-tier3"), List.of("/tenants")))).ruleResourceImportRule(
                    Files.readString(VigilInfra.sharedData().resolve("sigma-rules").resolve(ThinSliceIT.RULE)), null);

            // Monitoring: the client's shipper sends the labelled events with its ingestion key.
            ApiClient shipper = new ApiClient();
            shipper.updateBaseUri(Stack.GATEWAY);
            shipper.setRequestInterceptor(b -> b.header("X-Vigil-Api-Key", key.getKey()));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<java.util.Map<String, Object>> events = new java.util.ArrayList<>();
            for (String line : Stack.labelledEvents()) {
                events.add(json.readValue(line, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { }));
            }
            IngestResult taken = new IngestionApi(shipper).intakeResourceJson(events, null, UUID.randomUUID().toString());
            assertEquals(events.size(), taken.getAccepted(), "every event taken");
            assertEquals(0, taken.getDeadLettered());
            assertEquals(id, taken.getTenantId(), "the key's tenant, whatever the events say");

            // Triage: both alerts in one case; tier 1 acknowledges it.
            ApiClient tier1 = api(Keycloak.userToken(List.of("soc-tier1"), List.of("/tenants/" + id)));
            CasesApi cases = new CasesApi(tier1);
            CasePage page = await("one case of both alerts", () -> {
                CasePage p = call(() -> cases.listCases(null, null, null, null, null, 50, null, null, null, null, null, null,
                        null, List.of(id), null, null, null, null));
                return p.getItems().size() == 1 && p.getItems().get(0).getAlertCount() == 2 ? p : null;
            });
            UUID caseId = page.getItems().get(0).getId();
            cases.updateCase(caseId, new CaseUpdate().status(Status6.ACKNOWLEDGED), null);

            // Containment: the client pre-approved isolating low-criticality hosts, so it runs at once.
            ApiClient tier2 = api(Keycloak.userToken(List.of("soc-tier2"), List.of("/tenants/" + id)));
            ContainmentApi containment = new ContainmentApi(tier2);
            PlaybookRun run = containment.startPlaybookRun(caseId, new PlaybookRunRequest().playbook("isolate-host"),
                    UUID.randomUUID().toString());
            await("the isolation succeeded", () -> {
                PlaybookRun r = call(() -> containment.getPlaybookRun(caseId, run.getId()));
                return "SUCCEEDED".equals(r.getStatus().getValue()) ? r : null;
            });
            assertEquals(1, edrCalls.size(), "the EDR was called once");
            assertTrue(edrCalls.get(0).contains("\"isolate_host\"") && edrCalls.get(0).contains("swachchhanda"), edrCalls.get(0));
            assertEquals("CONTAINED", new CasesApi(tier2).getCase(caseId).getStatus().getValue());

            // Recovery: closed as a true positive.
            CaseResponse closed = new CasesApi(tier2).closeCase(caseId, new CloseRequest().classification(Classification.TRUE_POSITIVE)
                    .classificationReason("The exploit ran on the workstation").rootCause("A phishing link opened the URI")
                    .comment("Host isolated, reimaged"), null);
            assertEquals("CLOSED", closed.getStatus().getValue());

            // Reporting: the client's CIO reads this month's figures, which count the case as it went.
            ReportsApi reports = new ReportsApi(api(Keycloak.userToken(List.of("customer-viewer"), List.of("/tenants/" + id))));
            MetricsResponse m = await("the month's figures count the closed case", () -> {
                MetricsResponse r = call(() -> reports.getTenantMetrics(id, null, null, null));
                return r.getVolumes().getCases() == 1 && Long.valueOf(1).equals(r.getVolumes().getByStatus().get("CLOSED")) ? r : null;
            });
            assertEquals(2, m.getVolumes().getAlerts());
            assertEquals(1, m.getVolumes().getByClassification().get("TRUE_POSITIVE"));
            assertTrue(m.getResponseTimes().stream().anyMatch(t -> "MTTC".equals(t.getMeasure()) && t.getMeasured() == 1),
                    "the containment is timed: " + m.getResponseTimes());
        } finally {
            edr.stop(0);
        }
    }

    interface ApiCall<T> {
        T call() throws Exception;
    }

    private static <T> T call(ApiCall<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    private static ApiClient api(String token) {
        ApiClient api = new ApiClient();
        api.updateBaseUri(Stack.GATEWAY);
        api.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        return api;
    }
}
