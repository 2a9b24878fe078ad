package org.slaplatform.ticket.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.mapping.NewTicket;
import org.slaplatform.ticket.mapping.TicketView;
import org.slaplatform.ticket.service.TicketService;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final TicketService tickets;
    private final Caller caller;

    TicketResource(TicketService tickets, Caller caller) {
        this.tickets = tickets;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<Response> create(@Valid @NotNull NewTicket body) {
        return tickets.create(body, caller, Channel.API)
                .map(ticket -> Response.created(URI.create("/api/v1/tickets/" + ticket.id))
                        .entity(TicketView.of(ticket)).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<TicketView> get(@PathParam("id") UUID id) {
        return tickets.find(id, caller).map(TicketView::of);
    }
}
