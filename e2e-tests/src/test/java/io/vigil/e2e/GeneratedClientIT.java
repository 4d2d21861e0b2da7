package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.cases.ApiClient;
import io.vigil.client.cases.ApiException;
import io.vigil.client.cases.api.CasesApi;
import io.vigil.client.cases.model.CasePage;
import io.vigil.client.cases.model.CaseResponse;
import io.vigil.client.cases.model.CommentRequest;
import io.vigil.client.cases.model.CommentResponse;
import io.vigil.client.cases.model.TimelineEntry;
import io.vigil.client.cases.model.Visibility;
import io.vigil.platform.testing.Keycloak;
import io.vigil.platform.testing.VigilInfra;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's own system pulls its cases through the gateway with the Java client generated from the published
 * contract (openapi/case-service.json): if the document and the running API drift apart, this stops compiling
 * or fails here.
 */
class GeneratedClientIT {

    @BeforeAll
    static void stack() throws Exception {
        VigilInfra.ensureStarted();
        ThinSliceIT.stack();
    }

    @Test
    void aClientSystemReadsAndCommentsItsCasesThroughTheGeneratedClient() throws Exception {
        Stack.Client client = Stack.onboard("Generated Client Co");
        Stack.loadRule();
        Stack.send(client.key(), Stack.labelledEvents(), 1);
        UUID tenant = UUID.fromString(client.id());
        CasesApi cases = new CasesApi(api(Keycloak.userToken(List.of("customer-analyst"), List.of("/tenants/" + tenant))));

        CasePage page = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            page = cases.listCases(null, null, null, null, null, 50, null, null, null, null, null, null, null,
                    List.of(tenant), null, null, null, null);
            if (page.getItems().size() == 1 && page.getItems().get(0).getAlertCount() == 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, page.getItems().size(), "both labelled events of one host in one case");
        CaseResponse c = cases.getCase(page.getItems().get(0).getId());
        assertEquals(tenant, c.getTenantId());
        assertEquals(2, c.getAlertCount());

        String key = UUID.randomUUID().toString();
        CommentRequest note = new CommentRequest().body("our SIEM saw it too").visibility(Visibility.SHARED);
        CommentResponse first = cases.addCaseComment(c.getId(), note, key);
        CommentResponse retried = cases.addCaseComment(c.getId(), note, key);
        assertEquals(first.getId(), retried.getId(), "a retry with the same Idempotency-Key creates nothing");
        assertEquals(1, cases.listCaseComments(c.getId()).getItems().size());

        List<String> kinds = cases.getCaseTimeline(c.getId(), null).getItems().stream().map(TimelineEntry::getKind)
                .distinct().toList();
        assertTrue(kinds.containsAll(List.of("event", "alert", "comment", "action")), kinds.toString());

        CasesApi outsider = new CasesApi(api(Keycloak.userToken(List.of("customer-analyst"),
                List.of(Keycloak.tenantGroup(UUID.randomUUID())))));
        ApiException refused = assertThrows(ApiException.class, () -> outsider.getCase(c.getId()));
        assertEquals(404, refused.getCode());
    }

    private static ApiClient api(String token) {
        ApiClient api = new ApiClient();
        api.updateBaseUri(Stack.GATEWAY);
        api.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        return api;
    }
}
