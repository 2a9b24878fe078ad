package org.slaplatform.notification.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.notification.mapping.ConfirmationRequest;
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

    @Operation(operationId = "createSubscription", summary = "Subscribe to notices",
            description = "NTF-5: an EMAIL (`email`) or WEBHOOK (`url`) subscription to one event type. A webhook's "
                    + "signing secret (Standard Webhooks form `whsec_<base64>`) is generated unless given, and "
                    + "is shown in this answer only. 201 with `Location`; 409 when the account already has the "
                    + "same subscription; 422 when the account already holds the maximum number of subscriptions "
                    + "(notification.max-subscriptions-per-account, 50 by default). Double opt-in: an EMAIL "
                    + "subscription to an address that is not a contact of the account's contract starts with `status` "
                    + "PENDING_CONFIRMATION and receives one confirmation mail with a token (valid "
                    + "notification.confirmation-ttl, 72 h by default) and no notice until it is confirmed "
                    + "(`confirmSubscription`); webhooks and contacts' addresses are ACTIVE at once.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"eventType\": \"org.slaplatform.sla.breached.v1\", \"channel\": \"WEBHOOK\", \"url\": "
                    + "\"https://hooks.acme.example/sla\"}"),
            @ExampleObject(name = "email", value = "{\"accountId\": \"acme\", \"eventType\": \"org.slaplatform.ticket.created.v1\", "
                    + "\"channel\": \"EMAIL\", \"email\": \"support@acme.example\"}") }))
    @APIResponse(responseCode = "201", description = "The subscription, with a webhook's secret (shown this once).",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class)))
    @Extension(name = "x-problem-responses", value = "409 422")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid SubscriptionRequest request) {
        return service.create(request, caller).map(s -> Response
                .created(URI.create("/api/v1/subscriptions/" + s.id)).entity(SubscriptionView.created(s)).build());
    }

    @Operation(operationId = "confirmSubscription", summary = "Confirm an email subscription (double opt-in)",
            description = "Issue 17: the token of the confirmation mail sent to the address makes its subscription "
                    + "ACTIVE; from then on its notices are sent. The token is single-use and expires; it is stored "
                    + "only as a hash. 400 naming `token` when it is missing, wrong or expired (nothing changes); "
                    + "409 when the subscription is already confirmed; 404 for another account's subscription.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"token\": \"q3X0uV2b8yQm1cT7Zr5aKp4LwN9eJd6hGf0sYiBoUxA\"}") }))
    @APIResponse(responseCode = "200", description = "The subscription, now ACTIVE.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class)))
    @Extension(name = "x-problem-responses", value = "409")
    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SubscriptionView> confirm(@PathParam("id") UUID id, @Valid ConfirmationRequest request) {
        return service.confirm(id, request, caller).map(SubscriptionView::of);
    }

    @Operation(operationId = "listSubscriptions", summary = "An account's subscriptions",
            description = "NTF-5: the subscriptions of the account (`accountId` for admins; customers see their "
                    + "own), without secrets.")
    @GET
    public Uni<List<SubscriptionView>> list(@QueryParam("accountId") String accountId) {
        return service.list(accountId, caller).map(found -> found.stream().map(SubscriptionView::of).toList());
    }

    @Operation(operationId = "getSubscription", summary = "One subscription",
            description = "NTF-5: the subscription, without its secret.")
    @GET
    @Path("{id}")
    public Uni<SubscriptionView> get(@PathParam("id") UUID id) {
        return service.find(id, caller).map(SubscriptionView::of);
    }

    @Operation(operationId = "deleteSubscription", summary = "Unsubscribe",
            description = "NTF-5: deletes the subscription; notices not yet sent for it are cancelled in the same "
                    + "transaction. 204.")
    @APIResponse(responseCode = "204", description = "Deleted; its pending notices are cancelled.")
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(id, caller).replaceWith(Response.noContent().build());
    }
}
