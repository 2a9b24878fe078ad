package org.slaplatform.ticket.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.mapping.EscalationRequest;
import org.slaplatform.ticket.mapping.FeatureAnswerRequest;
import org.slaplatform.ticket.mapping.FeedbackRequest;
import org.slaplatform.ticket.mapping.HistoryView;
import org.slaplatform.ticket.mapping.NewTicket;
import org.slaplatform.ticket.mapping.SeverityChange;
import org.slaplatform.ticket.mapping.TicketPage;
import org.slaplatform.ticket.mapping.TicketView;
import org.slaplatform.ticket.mapping.TransitionRequest;
import org.slaplatform.ticket.service.TicketQueries;
import org.slaplatform.ticket.service.TicketService;
import org.slaplatform.ticket.service.TicketWorkflow;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
public class TicketResource {

    private final TicketService intake;
    private final TicketWorkflow workflow;
    private final TicketQueries queries;
    private final Caller caller;

    TicketResource(TicketService intake, TicketWorkflow workflow, TicketQueries queries, Caller caller) {
        this.intake = intake;
        this.workflow = workflow;
        this.queries = queries;
        this.caller = caller;
    }

    @Operation(operationId = "createTicket", summary = "File a ticket",
            description = "IS-TKT-1: customers and partners file for the account of their token, agents and admins "
                    + "name `accountId`. The policy's entitlements are checked (IS-TKT-5); the SLA clocks start "
                    + "from the answer's `createdAt` (IS-SLA-2). `severity` is a level of the contract's policy scale "
                    + "(IS-TKT-2; Infotecs has three), `version` follows the policy's scheme (IS-LIFE-1). The ticket is "
                    + "filed under the policy version its contract names (POL-3). 201 with the ticket and `Location`; "
                    + "422 `not-entitled/channel-not-offered` when the policy offers neither portal nor API (IS-TKT-1).")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"subject\": \"Login fails after upgrade\", \"description\": \"SSO redirects loop\", "
                    + "\"severity\": 2}") }))
    @APIResponse(responseCode = "201", description = "The ticket, filed; Location names it.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
    @POST
    @Path("tickets")
    public Uni<Response> create(@Valid @NotNull NewTicket body) {
        return intake.create(body, caller).map(TicketResource::created);
    }

    /** IS-TKT-1 the in-product Feedback button. */
    @Operation(operationId = "postFeedback", summary = "Send in-product feedback",
            description = "IS-TKT-1: the in-product Feedback button files a ticket for the instance it was pressed "
                    + "on. Without `severity` the policy's default level applies (IS-TKT-2). 201 with the ticket; "
                    + "422 `not-entitled/channel-not-offered` under a policy whose `intake.channels` lack `feedback` "
                    + "(Inflectra, Infotecs).")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"instanceId\": \"acme-prod-eu\", \"subject\": \"Report export is slow\", "
                    + "\"description\": \"takes 40 s for one month\", \"severity\": 3}") }))
    @APIResponse(responseCode = "201", description = "The ticket filed from the feedback; Location names it.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
    @POST
    @Path("feedback")
    public Uni<Response> feedback(@Valid @NotNull FeedbackRequest body) {
        return intake.feedback(body, caller).map(TicketResource::created);
    }

    @Operation(operationId = "searchTickets", summary = "Search tickets",
            description = "The caller's tickets (agents and admins: any account's), filtered by the query "
                    + "parameters, a page at a time with a cursor.")
    @GET
    @Path("tickets")
    public Uni<TicketPage> search(@QueryParam("accountId") String accountId, @QueryParam("state") List<String> states,
            @QueryParam("severity") Integer severity, @QueryParam("category") String category,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("order") String order) {
        return queries.search(new TicketQueries.Filter(accountId, states, severity, category, createdFrom, createdTo,
                limit, cursor, order), caller);
    }

    @Operation(operationId = "getTicket", summary = "One ticket",
            description = "The ticket; another account's ticket is a 404.")
    @GET
    @Path("tickets/{id}")
    public Uni<TicketView> get(@PathParam("id") UUID id) {
        return queries.find(id, caller).map(TicketView::of);
    }

    /** TKT-4 the audit trail, oldest first. */
    @Operation(operationId = "getTicketHistory", summary = "A ticket's audit trail",
            description = "TKT-4: every change of the ticket, oldest first: who, when, what.")
    @GET
    @Path("tickets/{id}/history")
    public Uni<List<HistoryView>> history(@PathParam("id") UUID id) {
        return queries.history(id, caller).map(list -> list.stream().map(HistoryView::of).toList());
    }

    @Operation(operationId = "transitionTicket", summary = "Move a ticket in its workflow",
            description = "TKT-4: moves the ticket to `to` if the workflow allows it from its state for the caller's "
                    + "role; a note is kept in the audit trail. 409 for a transition the workflow does not allow.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"to\": \"WAITING_ON_CUSTOMER\", \"note\": \"asked for the SSO trace\"}") }))
    @Extension(name = "x-problem-responses", value = "409")
    @POST
    @Path("tickets/{id}/transitions")
    public Uni<TicketView> transition(@PathParam("id") UUID id, @Valid @NotNull TransitionRequest body) {
        return workflow.transition(id, body.to(), body.note(), caller).map(TicketView::of);
    }

    @Operation(operationId = "changeTicketSeverity", summary = "Change a ticket's severity",
            description = "IS-TKT-2: an agent or admin changes the severity with a reason; the SLA clocks follow "
                    + "the new severity.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"severity\": 1, \"reason\": \"every user of the account is locked out\"}") }))
    @Extension(name = "x-problem-responses", value = "409")
    @PUT
    @Path("tickets/{id}/severity")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<TicketView> severity(@PathParam("id") UUID id, @Valid @NotNull SeverityChange body) {
        return workflow.changeSeverity(id, body.severity(), body.reason(), caller).map(TicketView::of);
    }

    @Operation(operationId = "escalateTicket", summary = "Escalate a ticket",
            description = "INF-TKT-7: asks for an escalation one tier up the policy's chain, with a reason; it is recorded and announced on "
                    + "`tickets.v1`.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"reason\": \"no workaround after two days\"}") }))
    @Extension(name = "x-problem-responses", value = "409")
    @POST
    @Path("tickets/{id}/escalations")
    public Uni<TicketView> escalate(@PathParam("id") UUID id, @Valid @NotNull EscalationRequest body) {
        return workflow.escalate(id, body.reason(), caller).map(TicketView::of);
    }

    @Operation(operationId = "answerFeatureRequest", summary = "Answer a feature request",
            description = "IS-TKT-9: an agent or admin answers a FEATURE_REQUEST ticket (ON_ROADMAP, "
                    + "ADDED_TO_ROADMAP, NOT_ON_ROADMAP, DENIED) with a timeline or a reason.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"answer\": \"ADDED_TO_ROADMAP\", \"timeline\": \"release 4.3, Q3\"}") }))
    @Extension(name = "x-problem-responses", value = "409")
    @PUT
    @Path("tickets/{id}/feature-answer")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<TicketView> answer(@PathParam("id") UUID id, @Valid @NotNull FeatureAnswerRequest body) {
        return workflow.answerFeatureRequest(id, body, caller).map(TicketView::of);
    }

    private static Response created(org.slaplatform.ticket.repository.Ticket ticket) {
        return Response.created(URI.create("/api/v1/tickets/" + ticket.id)).entity(TicketView.of(ticket)).build();
    }
}
