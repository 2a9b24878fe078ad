package org.slaplatform.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.email.InboundEmail;
import org.slaplatform.ticket.service.EmailIntake;

import io.smallrye.common.annotation.Blocking;

import io.smallrye.mutiny.Uni;

/**
 * IS-TKT-1: a mail gateway posts each inbound RFC 5322 message here (agent or admin token). 201 when
 * it filed a ticket, 200 when it refused it or had seen the Message-ID before. A refused contact gets a
 * reply saying why; a sender who is no account's contact gets none (no backscatter).
 */
@Path("/api/v1/intake/email")
public class EmailIntakeResource {

    public static final String RFC822 = "message/rfc822";

    private final EmailIntake intake;

    EmailIntakeResource(EmailIntake intake) {
        this.intake = intake;
    }

    @Operation(operationId = "receiveEmail", summary = "Take in an inbound email",
            description = "IS-TKT-1: a mail gateway posts each inbound RFC 5322 message (agent or admin token). 201 "
                    + "when it filed a ticket; 200 when it refused it or had seen the Message-ID before. A refused "
                    + "contact gets a reply saying why; a sender who is no account's contact gets no reply.")
    @RequestBody(content = @Content(mediaType = "message/rfc822", examples = {
            @ExampleObject(name = "message", value = "From: Jane Doe <jane@acme.example>\r\nTo: support@slaplatform.example\r\nSubject: [Sev2] "
                    + "Login fails after upgrade\r\nMessage-ID: <CAF1234@mail.acme.example>\r\nDate: Tue, 10 Mar "
                    + "2026 14:05:00 +0000\r\n\r\nSSO redirects loop since this morning.\r\n") }))
    @APIResponse(responseCode = "201", description = "A ticket was filed from the message.")
    @APIResponse(responseCode = "200", description = "Refused (a contact gets a reply saying why, an unknown sender none), or a Message-ID seen before.")
    @APIResponse(responseCode = "400", description = "Not a readable RFC 5322 message, or no valid From address.")
    // 413 when the message is over 256 KiB (InboundEmail.MAX_MESSAGE_BYTES)
    @Extension(name = "x-problem-responses", value = "413")
    @POST
    @Consumes(RFC822)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Blocking // MIME parsing and HTML-to-text run on a worker thread, never on the event loop
    public Uni<Response> receive(byte[] message) {
        return intake.receive(InboundEmail.parse(message)).map(result -> Response
                .status(result.outcome() == EmailIntake.Outcome.TICKET_CREATED && !result.duplicate() ? 201 : 200)
                .entity(result).build());
    }
}
