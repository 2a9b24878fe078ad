package org.slaplatform.credit.rest;

import java.time.YearMonth;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.credit.mapping.AdjustmentRequest;
import org.slaplatform.credit.service.Ledger;
import org.slaplatform.credit.service.SettlementSchedule;
import org.slaplatform.runtime.problem.MonthParameter;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** QNT-CRD-3: each account's credit balance and history; admin adjustments; settlement runs (CRD-7). */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final Ledger ledger;
    private final SettlementSchedule settlement;
    private final Caller caller;

    LedgerResource(Ledger ledger, SettlementSchedule settlement, Caller caller) {
        this.ledger = ledger;
        this.settlement = settlement;
        this.caller = caller;
    }

    @Operation(operationId = "getCreditStatement", summary = "An account's credit balance and history",
            description = "QNT-CRD-3: the account's credit ledger: its balance and every entry (credits issued, "
                    + "adjustments).")
    @GET
    @Path("/accounts/{accountId}/credits")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<Ledger.Statement> statement(@PathParam("accountId") String accountId) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("credit ledger of account " + accountId);
        }
        return ledger.statement(accountId);
    }

    @Operation(operationId = "adjustCredits", summary = "Adjust an account's credits",
            description = "CRD-7: an admin adds credit with an adjustment entry; history is never edited and "
                    + "credits are never taken back (QNT-CRD-3). The amount is positive, in the account's "
                    + "currency, with at most its minor digits; the reason is required. 201 with the entry.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"amount\": 120.00, \"currency\": \"USD\", \"reason\": \"goodwill credit "
                    + "for the outage of 10 March\"}") }))
    @APIResponse(responseCode = "201", description = "The adjustment entry, written to the ledger.")
    @POST
    @Path("/accounts/{accountId}/credits/adjustments")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> adjust(@PathParam("accountId") String accountId, @jakarta.validation.Valid AdjustmentRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "an adjustment is required");
        }
        return ledger.adjust(accountId, request.amount(), request.currency(), request.reason(), caller.name())
                .map(entry -> Response.status(Response.Status.CREATED).entity(entry).build());
    }

    /** Settles one billing cycle again (a replay); running it again issues nothing twice (CRD-7). */
    @Operation(operationId = "settleCycle", summary = "Settle a billing cycle",
            description = "CRD-7: settles the billing cycle `cycle` (yyyy-MM) for every account: credits confirmed "
                    + "before it and not yet issued enter the ledger. Cycles settle by themselves when due "
                    + "(QNT-CRD-3); this call is for replays. Idempotent: running it again issues nothing twice. "
                    + "Admin only.")
    @POST
    @Path("/settlements/{cycle}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Map<String, Object>> settle(@PathParam("cycle") String cycle) {
        YearMonth month = MonthParameter.parse("cycle", cycle);
        return settlement.replay(month).map(issued -> Map.of("cycle", month.toString(), "issued", issued));
    }
}
