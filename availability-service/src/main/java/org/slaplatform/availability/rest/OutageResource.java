package org.slaplatform.availability.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.availability.mapping.OutageCauseChange;
import org.slaplatform.availability.mapping.OutageEnd;
import org.slaplatform.availability.mapping.OutageRequest;
import org.slaplatform.availability.mapping.OutageView;
import org.slaplatform.availability.service.OutageService;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * AVL-1: explicit outage start and end, from a probe or an operator. A probe reports cause
 * OURS only; excluding causes are an agent's or admin's, with a reason.
 */
@Path("/api/v1/outages")
@RolesAllowed({ Roles.PROBE, Roles.AGENT, Roles.ADMIN })
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OutageResource {

    private final OutageService outages;
    private final Caller caller;
    private final JsonWebToken token;

    OutageResource(OutageService outages, Caller caller, JsonWebToken token) {
        this.outages = outages;
        this.caller = caller;
        this.token = token;
    }

    @Operation(operationId = "startOutage", summary = "Record an explicit outage",
            description = "AVL-1: a probe or an operator records an outage of an instance with its cause (OURS, "
                    + "FORCE_MAJEURE, CUSTOMER_CAUSED, ...); `endedAt` may be given at once or later. 201 with "
                    + "the outage; 422 for an unknown instance or a time out of range.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"instanceId\": \"acme-prod-eu\", \"cause\": \"OURS\", \"startedAt\": "
                    + "\"2026-03-10T14:05:00Z\", \"note\": \"database failover\"}") }))
    @APIResponse(responseCode = "201", description = "The outage, recorded.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OutageView.class)))
    @Extension(name = "x-problem-responses", value = "422")
    @POST
    public Uni<Response> start(@Valid OutageRequest request) {
        return outages.start(request, caller, RequestActor.of(caller, token))
                .map(v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    /** Only the reporter (same token {@code sub}), an agent or an admin. */
    @Operation(operationId = "endOutage", summary = "End an explicit outage",
            description = "AVL-1: sets the end of an open outage; only the probe that reported it (the same token "
                    + "`sub`), an agent or an admin (403 otherwise). 422 when the end is before its start or in the "
                    + "future.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"endedAt\": \"2026-03-10T14:47:00Z\"}") }))
    @Extension(name = "x-problem-responses", value = "409 422")
    @POST
    @Path("/{id}/end")
    public Uni<OutageView> end(@PathParam("id") UUID id, @Valid OutageEnd request) {
        return outages.end(id, request, RequestActor.of(caller, token));
    }

    /** AVL-3: sets the cause, with a reason; audited and published as outage-changed. */
    @Operation(operationId = "setOutageCause", summary = "Set an outage's cause",
            description = "AVL-3, an agent or admin sets the cause of a recorded outage (e.g. a probe's OURS "
                    + "found to be FORCE_MAJEURE) with a reason of 1 to 500 characters; audited and published as "
                    + "outage-changed. 400 without a reason.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"cause\": \"FORCE_MAJEURE\", \"reason\": \"regional power cut, ticket 4711\"}") }))
    @APIResponse(responseCode = "200", description = "The outage with its new cause and whether it is excluded.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OutageView.class)))
    @Extension(name = "x-problem-responses", value = "422")
    @PUT
    @Path("/{id}/cause")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<OutageView> cause(@PathParam("id") UUID id, OutageCauseChange request) {
        return outages.setCause(id, request, RequestActor.of(caller, token));
    }
}
