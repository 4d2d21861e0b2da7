package io.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.routing.ApiRouteResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gateway is the one front door: every operation another service publishes is reachable through it and
 * goes to the service that publishes it. Read from the published contracts and the gateway's own route
 * settings, so a path added to a service and forgotten here fails the build (shifts, handovers, playbooks
 * and task templates were once answered 404 by the gateway).
 */
class RouteCoverageTest {

    static final Map<String, String> PORT_VARIABLE = Map.of("tenant-service", "VIGIL_TENANT_SERVICE_PORT",
            "detection-service", "VIGIL_DETECTION_SERVICE_PORT", "case-service", "VIGIL_CASE_SERVICE_PORT",
            "reporting-service", "VIGIL_REPORTING_SERVICE_PORT");

    @Test
    void everyPublishedOperationIsRoutedToTheServiceThatPublishesIt() throws Exception {
        Properties config = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            config.load(in);
        }
        Map<String, String> routes = new LinkedHashMap<>();
        Map<String, String> tenantRoutes = new LinkedHashMap<>();
        for (String k : config.stringPropertyNames()) {
            if (k.startsWith("vigil.ingest.routes.")) {
                routes.put(k.substring("vigil.ingest.routes.".length()), config.getProperty(k));
            } else if (k.startsWith("vigil.ingest.tenant-routes.")) {
                tenantRoutes.put(k.substring("vigil.ingest.tenant-routes.".length()), config.getProperty(k));
            }
        }
        Pattern routed = Pattern.compile("/api/v1/(" + ApiRouteResource.ROUTED + ")(/.*)?"
                + "|/api/v1/approvals/[^/]+/[^/]+"); // the named approvers' links: no token, see ApprovalLinkRouteResource
        List<String> wrong = new ArrayList<>();
        int paths = 0;
        for (Map.Entry<String, String> service : PORT_VARIABLE.entrySet()) {
            JsonNode doc = new ObjectMapper().readTree(Path.of("../openapi", service.getKey() + ".json").toFile());
            for (var it = doc.path("paths").fieldNames(); it.hasNext(); ) {
                String path = it.next();
                paths++;
                String route = path.substring("/api/v1/".length());
                String[] segments = route.split("/", 4);
                String base = segments[0].equals("tenants") && segments.length >= 3 && tenantRoutes.containsKey(segments[2])
                        ? tenantRoutes.get(segments[2]) : routes.get(segments[0]);
                if (!routed.matcher(path).matches()) {
                    wrong.add(path + " (" + service.getKey() + "): the gateway does not forward it");
                } else if (base == null || !base.contains(service.getValue())) {
                    wrong.add(path + " (" + service.getKey() + "): forwarded to " + base);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(true, paths > 90, "paths read: " + paths);
    }
}
