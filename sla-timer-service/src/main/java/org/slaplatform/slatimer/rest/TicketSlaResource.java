package org.slaplatform.slatimer.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.slatimer.mapping.TicketSlaView;
import org.slaplatform.slatimer.service.TicketTracking;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/tickets/{ticketId}/sla")
@Produces(MediaType.APPLICATION_JSON)
public class TicketSlaResource {

    private final TicketTracking tracking;
    private final Caller caller;

    TicketSlaResource(TicketTracking tracking, Caller caller) {
        this.tracking = tracking;
        this.caller = caller;
    }

    @Operation(operationId = "getTicketSla", summary = "A ticket's SLA clocks",
            description = "IS-SLA-2, SLA-5: what sla-timer-service tracks of a ticket: its policy, state and each "
                    + "target with its due time in the policy's business calendar (null while paused) and the "
                    + "business time allowed, elapsed and remaining as ISO-8601 durations (`PT1H30M`; remaining is "
                    + "negative once breached: `-PT15M`). 404 while sla-timer-service has no record of the ticket.")
    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<TicketSlaView> get(@PathParam("ticketId") UUID ticketId) {
        return tracking.view(ticketId, caller);
    }
}
