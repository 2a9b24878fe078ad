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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.availability.mapping.StatusPagePublication;
import org.slaplatform.availability.service.PublishedStatusPages;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** QNT-AVL-6: an account publishes its status page (opt-in) under a slug, or withdraws it. */
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
    @Operation(operationId = "publishStatusPage", summary = "Publish the account's status page",
            description = "QNT-AVL-6: the page is public only once published, at `/status/{slug}`: a slug the "
                    + "account chooses (3 to 63 of a-z, 0-9 and -) or, without one, an unguessable one. Publishing "
                    + "again renames it. 409 when another account has the slug.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"slug\": \"acme-status\"}") }))
    @APIResponse(responseCode = "200", description = "The published page's slug and path.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StatusPagePublication.class)))
    @Extension(name = "x-problem-responses", value = "409")
    @PUT
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<StatusPagePublication> publish(@PathParam("accountId") String accountId, StatusPagePublication request) {
        return pages.publish(accountId, request, caller, RequestActor.of(caller, token));
    }

    @Operation(operationId = "getStatusPagePublication", summary = "The account's published status page",
            description = "Its slug and path; 404 when the account has not published it.")
    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<StatusPagePublication> get(@PathParam("accountId") String accountId) {
        return pages.get(accountId, caller);
    }

    @Operation(operationId = "unpublishStatusPage", summary = "Withdraw the account's status page",
            description = "Issue 17: `/status/{slug}` answers 404 from now on (within 30 s on every service instance).")
    @APIResponse(responseCode = "204", description = "Withdrawn.")
    @DELETE
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<Response> unpublish(@PathParam("accountId") String accountId) {
        return pages.unpublish(accountId, caller, RequestActor.of(caller, token)).map(v -> Response.noContent().build());
    }
}
