package org.slaplatform.credit.rest;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.credit.domain.ClaimJudge;
import org.slaplatform.credit.domain.ClaimRefusal;
import org.slaplatform.credit.mapping.ClaimRequest;
import org.slaplatform.credit.mapping.ClaimView;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.service.ClaimDesk;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** QNT-CRD-2: credit claims through the API, besides those filed as tickets. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimDesk desk;
    private final CreditStore store;
    private final Caller caller;
    private final Clock clock;

    ClaimResource(ClaimDesk desk, CreditStore store, Caller caller, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * 201 with the claim as judged (RECEIVED, CONFIRMED or DISQUALIFIED with the reason); 403 for
     * another account or another account's instance and 409 for a duplicate, with nothing stored.
     */
    @Operation(operationId = "fileClaim", summary = "File a credit claim",
            description = "QNT-CRD-2: a customer claims credits for incidents on one of its instances. 201 with the "
                    + "claim as judged against the measured minutes: RECEIVED, CONFIRMED or DISQUALIFIED with "
                    + "the reason. 403 for another account or its instance, 409 for a duplicate; nothing is "
                    + "stored then.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"accountId\": \"acme\", \"subject\": \"Outage on 10 March\", \"description\": \"the "
                    + "portal was down for 42 minutes\", \"instanceId\": \"acme-prod-eu\", \"incidents\": "
                    + "[{\"start\": \"2026-03-10T14:05:00Z\", \"end\": \"2026-03-10T14:47:00Z\"}]}") }))
    @APIResponse(responseCode = "201", description = "The claim as judged.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClaimView.class)))
    @Extension(name = "x-problem-responses", value = "409")
    @POST
    @Path("/claims")
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    public Uni<Response> file(@jakarta.validation.Valid ClaimRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a claim is required");
        }
        String account = caller.accountForWrite(request.accountId());
        List<ClaimJudge.Incident> incidents = request.incidents() == null ? List.of() : request.incidents().stream()
                .map(i -> new ClaimJudge.Incident(i.start(), i.end() == null ? i.start() : i.end())).toList();
        ClaimJudge.ClaimInput input = new ClaimJudge.ClaimInput(account, request.subject(), request.description(),
                request.instanceId(), incidents, clock.instant());
        return Panache.withTransaction(() -> desk.receive(UUID.randomUUID(), input, "api").map(claim -> {
            // Abuse is refused outright, and the transaction rolls back: nothing stored, nothing published.
            if (ClaimRefusal.FOREIGN_INSTANCE.name().equals(claim.reason())) {
                throw ProblemException.forbidden(claim.detail());
            }
            if (ClaimRefusal.DUPLICATE.name().equals(claim.reason())) {
                throw ProblemException.conflict(claim.detail());
            }
            return claim;
        })).chain(claim -> Panache.withSession(() -> store.claim(claim.claimId())))
                .map(claim -> Response.status(Response.Status.CREATED).entity(ClaimView.of(claim.orElseThrow())).build());
    }

    @Operation(operationId = "getClaim", summary = "One credit claim",
            description = "The claim with its decision and the reason.")
    @GET
    @Path("/claims/{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<ClaimView> get(@PathParam("id") UUID id) {
        return Panache.withSession(() -> store.claim(id)).map(claim -> claim.filter(c -> caller.maySee(c.accountId()))
                .map(ClaimView::of).orElseThrow(() -> ProblemException.notFound("claim " + id)));
    }

    @Operation(operationId = "listAccountClaims", summary = "An account's credit claims",
            description = "Every claim of the account, newest first, with their decisions.")
    @GET
    @Path("/accounts/{accountId}/claims")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<List<ClaimView>> ofAccount(@PathParam("accountId") String accountId) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("claims of account " + accountId);
        }
        return Panache.withSession(() -> store.claimsOf(accountId)).map(list -> list.stream().map(ClaimView::of).toList());
    }
}
