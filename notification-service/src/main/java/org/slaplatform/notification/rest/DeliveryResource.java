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

    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("accountId") String accountId,
            @QueryParam("state") DeliveryState state, @QueryParam("limit") @DefaultValue("100") int limit) {
        return log.list(accountId, state, limit, caller);
    }

    @GET
    @Path("{id}")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        return log.find(id, caller);
    }

    /** NTF-5: a dead delivery sent again, admin only; 202 with the delivery, now PENDING. */
    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replay(@PathParam("id") UUID id) {
        return log.replay(id, caller).map(view -> Response.accepted(view).build());
    }
}
