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

    @PUT
    @Path("{accountId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountView> put(
            @PathParam("accountId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String accountId,
            @Valid @NotNull AccountRequest body) {
        return accounts.put(accountId, body);
    }

    @GET
    @Path("{accountId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<AccountView> get(@PathParam("accountId") String accountId) {
        return accounts.get(accountId, caller);
    }
}
