package io.vigil.platform.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published contract ({@code openapi/<service>.json}) and the running service must say the same thing.
 * When they differ the test fails and the running service's document is written beside the build output;
 * after a deliberate API change, refresh the published file with {@code -Dvigil.openapi.write=true}.
 */
public final class OpenApiContract {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiContract() {
    }

    public static void assertMatchesPublished(String service) throws IOException {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        JsonNode running = MAPPER.readTree(body);
        Path published = VigilInfra.root().resolve("openapi").resolve(service + ".json");
        String pretty = MAPPER.writeValueAsString(MAPPER.treeToValue(running, Object.class)) + "\n";
        if (Boolean.getBoolean("vigil.openapi.write")) {
            Files.createDirectories(published.getParent());
            Files.writeString(published, pretty);
            return;
        }
        if (!Files.exists(published)) {
            throw new AssertionError("no published contract " + published
                    + ": run the tests once with -Dvigil.openapi.write=true and commit it");
        }
        JsonNode expected = MAPPER.readTree(published.toFile());
        if (!expected.equals(running)) {
            Path actual = VigilInfra.root().resolve(service).resolve("target/openapi-running.json");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, pretty);
            throw new AssertionError("the running " + service + " API differs from " + published
                    + "; the running document is in " + actual
                    + ". If the change is intended, refresh with -Dvigil.openapi.write=true");
        }
    }
}
