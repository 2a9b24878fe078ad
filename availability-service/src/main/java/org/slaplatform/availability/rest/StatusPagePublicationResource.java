package org.slaplatform.availability.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.slaplatform.availability.mapping.StatusPagePublication;
import org.slaplatform.availability.service.PublishedStatusPages;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** Issue 17, QNT-AVL-6: an account publishes its status page (opt-in) under a slug, or withdraws it. */
@Path("/api/v1/accounts/{accountId}/status-page")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StatusPagePublicationResource {

    private final PublishedStatusPages pages;
    private final Caller caller;
    private final JsonWebToken token;

    StatusPagePublicationResource(PublishedStatusPages pages, Caller caller, JsonWebToken token) {
        this.pages = pages;
        this.caller = caller;
        this.token = token;
    }

    /** {@code {slug?}}: without a slug, an unguessable one. The page is then at {@code /status/{slug}}. */
    @PUT
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<StatusPagePublication> publish(@PathParam("accountId") String accountId, StatusPagePublication request) {
        return pages.publish(accountId, request, caller, RequestActor.of(caller, token));
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<StatusPagePublication> get(@PathParam("accountId") String accountId) {
        return pages.get(accountId, caller);
    }

    @DELETE
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<Response> unpublish(@PathParam("accountId") String accountId) {
        return pages.unpublish(accountId, caller, RequestActor.of(caller, token)).map(v -> Response.noContent().build());
    }
}
