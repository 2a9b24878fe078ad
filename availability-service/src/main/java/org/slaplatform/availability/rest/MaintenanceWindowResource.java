package org.slaplatform.availability.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.mapping.MaintenanceWindowsView;
import org.slaplatform.availability.mapping.WindowChangeRequest;
import org.slaplatform.availability.service.MaintenanceWindows;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * IS-AVL-4, AVL-3: the account's recurring maintenance windows, and changing them with the policy's
 * window-change notice (IS: 5 days written notice).
 */
@Path("/api/v1/accounts/{accountId}/maintenance-window")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceWindowResource {

    private final MaintenanceWindows windows;
    private final Caller caller;

    MaintenanceWindowResource(MaintenanceWindows windows, Caller caller) {
        this.windows = windows;
        this.caller = caller;
    }

    /** The windows in effect at {@code at} (default now), and the changes still to take effect. */
    @Operation(operationId = "getMaintenanceWindows", summary = "An account's recurring maintenance windows",
            description = "IS-AVL-4: the windows in effect at `at` (an instant, default now) and the changes still "
                    + "to take effect.")
    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<MaintenanceWindowsView> get(@PathParam("accountId") String accountId, @QueryParam("at") String at) {
        return windows.at(accountId, instant(at), caller);
    }

    /**
     * IS-AVL-4: the account's customer or an admin schedules new windows: 201 with the change, or 422
     * {@code insufficient-notice} when {@code effectiveAt} is sooner than the policy's notice allows.
     */
    @Operation(operationId = "changeMaintenanceWindows", summary = "Schedule new recurring maintenance windows",
            description = "IS-AVL-4, AVL-3: the account's customer or an admin replaces the windows from "
                    + "`effectiveAt` on. 201 with the change; 422 `insufficient-notice` when `effectiveAt` is "
                    + "sooner than the policy's window-change notice allows (IS: 5 days written notice); nothing "
                    + "is stored then.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"windows\": [{\"id\": \"sunday-night\", \"every\": \"WEEK\", \"weekday\": \"SUNDAY\", "
                    + "\"hours\": \"02:00-04:00\", \"zone\": \"America/Los_Angeles\"}], \"effectiveAt\": "
                    + "\"2026-04-01T00:00:00Z\"}") }))
    @APIResponse(responseCode = "201", description = "The change, scheduled from effectiveAt.")
    @Extension(name = "x-problem-responses", value = "422")
    @POST
    @Path("/changes")
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<Response> change(@PathParam("accountId") String accountId, WindowChangeRequest request) {
        return windows.change(accountId, request, caller)
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 40) {
            throw ProblemException.badRequest("at", "must be an instant like 2026-11-20T12:00:00Z");
        }
        try {
            return InputBounds.instant("at", Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("at", "must be an instant like 2026-11-20T12:00:00Z");
        }
    }
}
