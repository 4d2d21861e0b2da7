package io.vigil.ingest.intake.rest;

import io.quarkus.security.Authenticated;
import io.vigil.ingest.intake.service.IntakeGate;
import io.vigil.ingest.intake.service.IntakeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.vigil.platform.tenancy.ApiKeys;

@Path("/api/v1/ingest")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion", description = "Telemetry in: JSON, NDJSON and raw syslog, CEF and LEEF lines, normalised and enriched")
@SecurityScheme(securitySchemeName = "ingestKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = ApiKeys.HEADER, description = "An ingestion key issued by tenant-service (vgl_...)")
// Either credential: an ingestion key or a bearer token.
@SecurityRequirement(name = "ingestKey")
@SecurityRequirement(name = "SecurityScheme") // the bearer token scheme every service declares
// Telemetry comes from client systems (ingestion keys and service accounts carry customer-system), the
// client's admins and analysts, and provider staff; never from a customer-viewer (the CIO's portal role).
@RolesAllowed("${vigil.roles.case-workers-and-systems}")
public class IntakeResource {

    public static final String NDJSON = "application/x-ndjson";

    private final IntakeService service;
    private final IntakeGate gate;
    /** A compressed body may inflate to this many bytes at most (the uncompressed body limit, 20 MB by default, x5). */
    private final long maxInflated;

    static final String IDEMPOTENCY = "The client's name for this batch (1-200 visible ASCII characters): sending the same "
            + "batch again with the same key, after a timeout or a dropped connection, stores and matches each of its "
            + "events once. Each event must carry its own time (@timestamp or the format's own).";

    public IntakeResource(IntakeService service, IntakeGate gate, io.vigil.ingest.intake.IngestConfig config) {
        this.service = service;
        this.gate = gate;
        this.maxInflated = config.maxInflatedBody();
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponses({
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202", description = "Accepted: how many events were taken and how many lines went to dead-letter",
                    content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = IngestResult.class))),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400", description = "The body cannot be read at all (problem+json)"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401", description = "No valid ingestion key or token"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "403", description = "The tenant is suspended or offboarded, or the caller may not send"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "413", description = "The body is over the size limit"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "429", description = "Over the tenant's rate or daily quota: retry after Retry-After"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "503", description = "A dependency is down or the gateway is full: retry after Retry-After")})
    @Operation(summary = "Send events: a JSON object or an array of objects")
    public Response json(@jakarta.ws.rs.HeaderParam("Content-Encoding") String encoding,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = IDEMPOTENCY) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = com.fasterxml.jackson.databind.node.ObjectNode.class,
                            description = "The events, each a JSON object (a single object is taken too)"))) byte[] body) {
        byte[] plain = BodyDecoding.decode(encoding, body, maxInflated);
        return Response.accepted(gate.through(() -> service.ingestJson(plain, false, idempotencyKey))).build();
    }

    @POST
    @Path("raw")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponses({
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202", description = "Accepted: how many events were taken and how many lines went to dead-letter",
                    content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = IngestResult.class))),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400", description = "The body cannot be read at all (problem+json)"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401", description = "No valid ingestion key or token"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "403", description = "The tenant is suspended or offboarded, or the caller may not send"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "413", description = "The body is over the size limit"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "429", description = "Over the tenant's rate or daily quota: retry after Retry-After"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "503", description = "A dependency is down or the gateway is full: retry after Retry-After")})
    @Operation(summary = "Send raw log lines of one format (syslog, cef, leef, json; default: the format of the key's"
            + " log source): one event per line; lines that do not "
            + "parse are kept in dead-letter with the reason")
    public Response raw(@jakarta.ws.rs.QueryParam("format") String format,
            @jakarta.ws.rs.QueryParam("timeZone") @jakarta.ws.rs.DefaultValue("UTC") String timeZone,
            @jakarta.ws.rs.HeaderParam("Content-Encoding") String encoding,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = IDEMPOTENCY) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, content = {
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.TEXT_PLAIN,
                            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                    description = "Log lines, one event per line")),
                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))}) byte[] body) {
        java.time.ZoneId zone = zone(timeZone);
        byte[] plain = BodyDecoding.decode(encoding, body, maxInflated);
        return Response.accepted(gate.through(() -> service.ingestRaw(format, plain, zone, idempotencyKey))).build();
    }

    @POST
    @Path("preview")
    @Authenticated // nothing is stored
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, NDJSON, MediaType.APPLICATION_JSON})
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponses({
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "Per line: the normalised event, or the parser's error"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400", description = "An unknown format (problem+json)"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401", description = "No valid ingestion key or token"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "413", description = "The body is over the size limit")})
    @Operation(summary = "Show how sample lines of a format (syslog, cef, leef, json) would be parsed and normalised:"
            + " one result per line with the event or the parser's error; nothing is stored")
    public java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> preview(
            @jakarta.ws.rs.QueryParam("format") String format,
            @jakarta.ws.rs.QueryParam("timeZone") @jakarta.ws.rs.DefaultValue("UTC") String timeZone,
            @jakarta.ws.rs.HeaderParam("Content-Encoding") String encoding, byte[] body) {
        byte[] plain = BodyDecoding.decode(encoding, body, maxInflated);
        return service.preview(format, plain == null ? "" : new String(plain, java.nio.charset.StandardCharsets.UTF_8),
                zone(timeZone));
    }

    private static java.time.ZoneId zone(String timeZone) {
        try {
            return java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new io.vigil.platform.errors.ProblemException.BadRequest("timeZone '" + timeZone
                    + "' is not an IANA time zone");
        }
    }

    @POST
    @Path("events")
    @Consumes(NDJSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponses({
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202", description = "Accepted: how many events were taken and how many lines went to dead-letter",
                    content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = IngestResult.class))),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400", description = "The body cannot be read at all (problem+json)"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401", description = "No valid ingestion key or token"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "403", description = "The tenant is suspended or offboarded, or the caller may not send"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "413", description = "The body is over the size limit"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "429", description = "Over the tenant's rate or daily quota: retry after Retry-After"),
            @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "503", description = "A dependency is down or the gateway is full: retry after Retry-After")})
    @Operation(summary = "Send events as NDJSON: one JSON object per line")
    public Response ndjson(@jakarta.ws.rs.HeaderParam("Content-Encoding") String encoding,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = IDEMPOTENCY) @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
            @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    mediaType = NDJSON, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            description = "One JSON object per line"))) byte[] body) {
        byte[] plain = BodyDecoding.decode(encoding, body, maxInflated);
        return Response.accepted(gate.through(() -> service.ingestJson(plain, true, idempotencyKey))).build();
    }
}
