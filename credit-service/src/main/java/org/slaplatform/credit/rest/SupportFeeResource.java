package org.slaplatform.credit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.slaplatform.credit.service.SupportFeeStatements;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** ITC-CRD-8: the support fees of an account's contract years, each with its explanation. */
@Path("/api/v1/accounts/{accountId}/support-fees")
@Produces(MediaType.APPLICATION_JSON)
public class SupportFeeResource {

    private final SupportFeeStatements fees;
    private final Caller caller;

    SupportFeeResource(SupportFeeStatements fees, Caller caller) {
        this.fees = fees;
        this.caller = caller;
    }

    /** Every contract year from the first to the current one, and the major-upgrade fee. */
    @Operation(operationId = "getSupportFees", summary = "An account's support fees",
            description = "ITC-CRD-8: every contract year from the first to the current one with its support fee and "
                    + "the explanation, and the major-upgrade fee.")
    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<SupportFeeStatements.Statement> statement(@PathParam("accountId") String accountId) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("account " + accountId);
        }
        return fees.statement(accountId);
    }

    /** The fee of contract year {@code contractYear} (1 = the year starting on the contract's start). */
    @Operation(operationId = "getSupportFeeOfYear", summary = "The support fee of one contract year",
            description = "ITC-CRD-8: the fee of contract year `contractYear` (1 = the year starting on the "
                    + "contract's start) with its explanation.")
    @GET
    @Path("/{contractYear}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<SupportFeeStatements.YearFee> year(@PathParam("accountId") String accountId,
            @PathParam("contractYear") String contractYear) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("account " + accountId);
        }
        int year;
        try {
            year = Integer.parseInt(contractYear);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("contractYear", "must be a whole number, was " + contractYear);
        }
        return fees.forYear(accountId, year);
    }
}
