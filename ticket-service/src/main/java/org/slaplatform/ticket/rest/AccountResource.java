package org.slaplatform.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.mapping.AccountRequest;
import org.slaplatform.ticket.mapping.AccountView;
import org.slaplatform.ticket.service.AccountService;

import io.smallrye.mutiny.Uni;

/** Accounts and their contracts (POL-2): admins write, everyone reads what their scope allows. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;

    AccountResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @Operation(operationId = "putAccount", summary = "Create or replace an account and its contract",
            description = "POL-2: an admin writes the account with its whole contract (policy, plan, time zone, "
                    + "charges, instances, licensed products, contacts); published on the compacted "
                    + "`contracts.v1`. IS-TKT-5: an account needs a contract before it can file tickets.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"name\": \"Acme\", \"contract\": {\"policy\": \"infostretch\", \"plan\": "
                    + "\"maintenance\", \"timeZone\": \"America/Los_Angeles\", \"currency\": \"USD\", "
                    + "\"monthlyCharges\": 1000, \"billingCycle\": \"MONTHLY\", \"startsOn\": \"2025-01-01\"}}") }))
    @PUT
    @Path("{accountId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountView> put(
            @PathParam("accountId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String accountId,
            @Valid @NotNull AccountRequest body) {
        return accounts.put(accountId, body);
    }

    @Operation(operationId = "getAccount", summary = "One account and its contract",
            description = "The account with its current contract; another account's is a 404 for customers and "
                    + "partners.")
    @GET
    @Path("{accountId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<AccountView> get(@PathParam("accountId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String accountId) {
        return accounts.get(accountId, caller);
    }
}
