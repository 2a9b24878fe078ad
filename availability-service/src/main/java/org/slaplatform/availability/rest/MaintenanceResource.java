package org.slaplatform.availability.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.slaplatform.availability.mapping.MaintenanceEnd;
import org.slaplatform.availability.mapping.MaintenanceMove;
import org.slaplatform.availability.mapping.MaintenanceRequest;
import org.slaplatform.availability.mapping.MaintenanceView;
import org.slaplatform.availability.service.MaintenanceService;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * AVL-3, IS-AVL-4: support staff announce planned and emergency maintenance; a customer designates
 * its own maintenance windows. Each answer says whether the downtime will be excluded and why not.
 */
@Path("/api/v1/maintenance")
@RolesAllowed({ Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN })
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    private final MaintenanceService maintenance;
    private final Caller caller;
    private final JsonWebToken token;

    MaintenanceResource(MaintenanceService maintenance, Caller caller, JsonWebToken token) {
        this.maintenance = maintenance;
        this.caller = caller;
        this.token = token;
    }

    @Operation(operationId = "announceMaintenance", summary = "Announce maintenance",
            description = "AVL-3, IS-AVL-4, NTF-2: support staff announce PLANNED, UPGRADE (a new version deployed; "
                    + "planned maintenance announced as such) or EMERGENCY maintenance; a customer designates its own "
                    + "window (CUSTOMER_DESIGNATED). Planned and upgrade maintenance is excluded only with the policy's "
                    + "notice (IS: 48 h) and inside its window (IS: 00:00-03:00 US Eastern; INF: second Saturday "
                    + "09:00-11:00 Eastern); longer than the policy's threshold (IS: 15 min) it must be announced "
                    + "before it starts (IS-AVL-4); under a policy that announces upgrades, an upgrade always must. "
                    + "EMERGENCY maintenance is excluded only with a `reason` (the justification, recorded as an audit "
                    + "line) where the policy asks for one (IS). The answer says whether the downtime will be excluded "
                    + "and, if not, why; it is judged under the policy version in force at its start (POL-3). Every "
                    + "announcement is published as maintenance-announced.v1 with its kind.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"accountId\": \"acme\", \"instanceId\": \"acme-prod-eu\", \"kind\": \"PLANNED\", "
                    + "\"startsAt\": \"2026-03-21T06:00:00Z\", \"endsAt\": \"2026-03-21T08:00:00Z\", "
                    + "\"description\": \"database upgrade\"}"),
            @ExampleObject(name = "emergency", value = "{\"accountId\": \"acme\", \"kind\": \"EMERGENCY\", "
                    + "\"startsAt\": \"2026-03-18T14:00:00Z\", \"endsAt\": \"2026-03-18T14:40:00Z\", "
                    + "\"description\": \"patch for an actively exploited vulnerability\", "
                    + "\"reason\": \"zero-day exploited in the wild; waiting for the window would expose customer data\"}"),
            @ExampleObject(name = "upgrade", value = "{\"accountId\": \"acme\", \"kind\": \"UPGRADE\", "
                    + "\"startsAt\": \"2026-03-21T05:00:00Z\", \"endsAt\": \"2026-03-21T05:10:00Z\", "
                    + "\"description\": \"release 8.2\"}") }))
    @APIResponse(responseCode = "201", description = "The announcement with its verdict: excluded or not, and why.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MaintenanceView.class)))
    @Extension(name = "x-problem-responses", value = "422")
    @POST
    public Uni<Response> announce(MaintenanceRequest request) {
        return maintenance.announce(request, caller, RequestActor.of(caller, token)).map(v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    @Operation(operationId = "getMaintenance", summary = "One maintenance announcement",
            description = "The announcement with its current verdict: excluded or not, and why.")
    @GET
    @Path("/{id}")
    public Uni<MaintenanceView> get(@PathParam("id") UUID id) {
        return maintenance.get(id, caller);
    }

    /**
     * IS-AVL-4: a move is judged as a new announcement, and needs the policy's window-change notice.
     * Only before it starts; a started window is a 409.
     */
    @Operation(operationId = "moveMaintenance", summary = "Move a maintenance window",
            description = "IS-AVL-4: a move is judged as a new announcement and needs the policy's window-change "
                    + "notice; the answer carries the new verdict. Only before the window starts: 409 once it has started "
                    + "or when it was cancelled.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"startsAt\": \"2026-03-28T06:00:00Z\", \"endsAt\": \"2026-03-28T08:00:00Z\"}") }))
    @Extension(name = "x-problem-responses", value = "409 422")
    @PUT
    @Path("/{id}/window")
    public Uni<MaintenanceView> move(@PathParam("id") UUID id, MaintenanceMove request) {
        return maintenance.move(id, request, caller);
    }

    /** Only before it starts; a started window is a 409. */
    @Operation(operationId = "cancelMaintenance", summary = "Cancel maintenance",
            description = "AVL-3: cancels an announced maintenance before it starts (409 once it has started: an agent "
                    + "or admin ends it early instead). Answers the cancelled announcement; cancelling it again answers "
                    + "the same.")
    @DELETE
    @Path("/{id}")
    public Uni<MaintenanceView> cancel(@PathParam("id") UUID id) {
        return maintenance.cancel(id, caller);
    }

    /** An agent or admin ends a started window early, with a reason (audited). */
    @Operation(operationId = "endMaintenanceEarly", summary = "End a started maintenance window early",
            description = "A window that has started is neither moved nor cancelled; an agent or admin ends "
                    + "it early at `endsAt` (default now; after its start, before its end) with a reason, audited and "
                    + "published as the next revision (MOVED). 409 when it has not started or was cancelled.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"endsAt\": \"2026-03-21T06:40:00Z\", \"reason\": \"upgrade finished early\"}") }))
    @APIResponse(responseCode = "200", description = "The maintenance with its new end.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MaintenanceView.class)))
    @Extension(name = "x-problem-responses", value = "409 422")
    @POST
    @Path("/{id}/end")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<MaintenanceView> end(@PathParam("id") UUID id, MaintenanceEnd request) {
        return maintenance.endEarly(id, request, caller, RequestActor.of(caller, token));
    }
}
