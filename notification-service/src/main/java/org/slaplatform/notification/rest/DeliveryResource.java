package org.slaplatform.notification.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.notification.domain.DeliveryState;
import org.slaplatform.notification.mapping.DeliveryView;
import org.slaplatform.notification.service.DeliveryLog;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** An account's delivery log (NTF-5), newest first; one delivery with every try. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN })
public class DeliveryResource {

    private final DeliveryLog log;
    private final Caller caller;

    DeliveryResource(DeliveryLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    @Operation(operationId = "listDeliveries", summary = "An account's delivery log",
            description = "NTF-5: deliveries newest first, filtered by `state` (PENDING, DELIVERED, DEAD, ...), at "
                    + "most `limit` (1 to 500, default 100). Agents and admins name `accountId`; customers see "
                    + "their own.")
    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("accountId") String accountId,
            @QueryParam("state") DeliveryState state, @QueryParam("limit") @DefaultValue("100") int limit) {
        return log.list(accountId, state, limit, caller);
    }

    @Operation(operationId = "getDelivery", summary = "One delivery with every try",
            description = "NTF-5: the delivery, its state and each try (time, outcome, HTTP status, error). Its id "
                    + "is the `webhook-id` header the receiver got.")
    @GET
    @Path("{id}")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return log.find(id, caller);
    }

    /** NTF-5: a dead delivery sent again, admin only; 202 with the delivery, now PENDING. */
    @Operation(operationId = "replayDelivery", summary = "Send a dead delivery again",
            description = "NTF-5: an admin sends a DEAD delivery again; 202 with the delivery, now PENDING. The same "
                    + "`webhook-id`, so receivers still deduplicate. 409 when it is not dead.")
    @APIResponse(responseCode = "202", description = "The delivery, PENDING again.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeliveryView.class)))
    @Extension(name = "x-problem-responses", value = "409")
    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replay(@PathParam("id") UUID id) {
        return log.replay(id, caller).map(view -> Response.accepted(view).build());
    }
}
