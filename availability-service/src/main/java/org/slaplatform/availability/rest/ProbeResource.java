package org.slaplatform.availability.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.slaplatform.availability.mapping.IngestReceipt;
import org.slaplatform.availability.mapping.ProbeBatch;
import org.slaplatform.availability.mapping.ProbeResult;
import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.service.ProbeGroups;
import org.slaplatform.availability.service.ProbeIngest;
import org.slaplatform.availability.service.ResultPaths;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * AVL-1: monitoring probes post check results, one at a time or in batches. Only from the
 * probe's registered locations, only for instances of accounts in its registered scope.
 */
@Path("/api/v1/probe-results")
@RolesAllowed(Roles.PROBE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProbeIngest ingest;
    private final AvailabilityConfig config;
    private final JsonWebToken token;

    ProbeResource(ProbeIngest ingest, AvailabilityConfig config, JsonWebToken token) {
        this.ingest = ingest;
        this.config = config;
        this.token = token;
    }

    /** The probe is its token's {@code sub}; its scope and locations are registered (PUT /api/v1/probes/{probe}). */
    private String probe() {
        return token.getSubject() == null ? "" : token.getSubject();
    }

    @Operation(operationId = "postProbeResult", summary = "Post one check result",
            description = "AVL-1: one check of one instance from one probe location: up or down, with its latency. "
                    + "202 when stored; 422 for an unknown instance or a time out of range.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"instanceId\": \"acme-prod-eu\", \"location\": \"eu-west\", \"time\": "
                    + "\"2026-03-10T14:05:00Z\", \"up\": true, \"latencyMs\": 182}") }))
    @APIResponse(responseCode = "202", description = "Stored; the receipt says how many results were taken.")
    @Extension(name = "x-problem-responses", value = "422")
    @POST
    public Uni<Response> post(ProbeResult result) {
        if (result == null) {
            throw ProblemException.badRequest("body", "must be a probe result");
        }
        return ingest.ingest(probe(), List.of(result), ResultPaths.SINGLE, null)
                .map(receipt -> Response.status(Response.Status.ACCEPTED).entity(receipt).build());
    }

    /**
     * All or nothing; the Idempotency-Key makes a repeated batch answer the first answer and store nothing.
     * The body holds either {@code results} or {@code groups} (the compact shape), not both.
     */
    @Operation(operationId = "postProbeResultBatch", summary = "Post a batch of check results",
            description = "AVL-1: many checks at once, all or nothing. The body holds either `results` or `groups` "
                    + "(the compact shape: one location and time, arrays indexed alike), not both. A repeated "
                    + "`Idempotency-Key` answers the first answer and stores nothing.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"results\": [{\"instanceId\": \"acme-prod-eu\", \"location\": \"eu-west\", \"time\": "
                    + "\"2026-03-10T14:05:00Z\", \"up\": true, \"latencyMs\": 182}, {\"instanceId\": "
                    + "\"acme-prod-us\", \"location\": \"eu-west\", \"time\": \"2026-03-10T14:05:00Z\", \"up\": "
                    + "false}]}"),
            @ExampleObject(name = "compact", value = "{\"groups\": [{\"location\": \"eu-west\", \"time\": \"2026-03-10T14:05:00Z\", "
                    + "\"instanceIds\": [\"acme-prod-eu\", \"acme-prod-us\"], \"up\": [true, false]}]}") }))
    @APIResponse(responseCode = "200", description = "Stored, all of them: `{accepted, minutes, replayed}`; for a repeated "
                    + "Idempotency-Key the first answer again, with header Idempotency-Replayed.")
    @Extension(name = "x-problem-responses", value = "422")
    @POST
    @Path("/batches")
    public Uni<Response> postBatch(@HeaderParam(IDEMPOTENCY_KEY) String key, ProbeBatch batch) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY, "header of 1 to 200 characters is required");
        }
        if (batch == null) {
            throw ProblemException.badRequest("body", "must be a batch");
        }
        if (batch.results() != null && batch.groups() != null) {
            throw ProblemException.badRequest("groups", "a batch holds either results or groups, not both");
        }
        Uni<IngestReceipt> stored;
        if (batch.groups() != null) {
            ProbeGroups.Flattened flat = ProbeGroups.flatten(batch.groups(), config.probes().maxBatch());
            stored = ingest.ingest(probe(), flat.results(), flat.paths(), key, flat::hash);
        } else {
            stored = ingest.ingest(probe(), batch.results(), ResultPaths.RESULTS, key);
        }
        return stored
                .map(receipt -> Response.ok(receipt).header("Idempotency-Replayed", receipt.replayed()).build());
    }
}
