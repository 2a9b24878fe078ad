package org.slaplatform.notification.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.slaplatform.notification.mapping.SubscriptionRequest;
import org.slaplatform.notification.mapping.SubscriptionView;
import org.slaplatform.notification.service.SubscriptionService;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** Subscriptions per account and event type (NTF-5): admins for any account, customers for their own. */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
public class SubscriptionResource {

    private final SubscriptionService service;
    private final Caller caller;

    SubscriptionResource(SubscriptionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(SubscriptionRequest request) {
        return service.create(request, caller).map(s -> Response
                .created(URI.create("/api/v1/subscriptions/" + s.id)).entity(SubscriptionView.created(s)).build());
    }

    @GET
    public Uni<List<SubscriptionView>> list(@QueryParam("accountId") String accountId) {
        return service.list(accountId, caller).map(found -> found.stream().map(SubscriptionView::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<SubscriptionView> get(@PathParam("id") UUID id) {
        return service.find(id, caller).map(SubscriptionView::of);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(id, caller).replaceWith(Response.noContent().build());
    }
}
