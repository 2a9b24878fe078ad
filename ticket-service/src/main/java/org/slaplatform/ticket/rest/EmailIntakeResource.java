package org.slaplatform.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.email.EmailIntake;

import io.smallrye.mutiny.Uni;

/**
 * IS-TKT-1: a mail gateway posts each inbound RFC 5322 message here (agent or admin token). 201 when
 * it filed a ticket, 200 when it refused (the sender gets a reply saying why) or had seen the
 * Message-ID before.
 */
@Path("/api/v1/intake/email")
public class EmailIntakeResource {

    public static final String RFC822 = "message/rfc822";

    private final EmailIntake intake;

    EmailIntakeResource(EmailIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(RFC822)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<Response> receive(byte[] message) {
        return intake.receive(message).map(result -> Response
                .status(result.outcome() == EmailIntake.Outcome.TICKET_CREATED && !result.duplicate() ? 201 : 200)
                .entity(result).build());
    }
}
