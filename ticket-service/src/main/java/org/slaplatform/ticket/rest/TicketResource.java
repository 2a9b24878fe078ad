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

    @POST
    @Path("tickets")
    public Uni<Response> create(@Valid @NotNull NewTicket body) {
        return intake.create(body, caller).map(TicketResource::created);
    }

    /** IS-TKT-1 the in-product Feedback button. */
    @POST
    @Path("feedback")
    public Uni<Response> feedback(@Valid @NotNull FeedbackRequest body) {
        return intake.feedback(body, caller).map(TicketResource::created);
    }

    @GET
    @Path("tickets")
    public Uni<TicketPage> search(@QueryParam("accountId") String accountId, @QueryParam("state") List<String> states,
            @QueryParam("severity") Integer severity, @QueryParam("category") String category,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("order") String order) {
        return queries.search(new TicketQueries.Filter(accountId, states, severity, category, createdFrom, createdTo,
                limit, cursor, order), caller);
    }

    @GET
    @Path("tickets/{id}")
    public Uni<TicketView> get(@PathParam("id") UUID id) {
        return queries.find(id, caller).map(TicketView::of);
    }

    /** TKT-4 the audit trail, oldest first. */
    @GET
    @Path("tickets/{id}/history")
    public Uni<List<HistoryView>> history(@PathParam("id") UUID id) {
        return queries.history(id, caller).map(list -> list.stream().map(HistoryView::of).toList());
    }

    @POST
    @Path("tickets/{id}/transitions")
    public Uni<TicketView> transition(@PathParam("id") UUID id, @Valid @NotNull TransitionRequest body) {
        return workflow.transition(id, body.to(), body.note(), caller).map(TicketView::of);
    }

    @PUT
    @Path("tickets/{id}/severity")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<TicketView> severity(@PathParam("id") UUID id, @Valid @NotNull SeverityChange body) {
        return workflow.changeSeverity(id, body.severity(), body.reason(), caller).map(TicketView::of);
    }

    @POST
    @Path("tickets/{id}/escalations")
    public Uni<TicketView> escalate(@PathParam("id") UUID id, @Valid @NotNull EscalationRequest body) {
        return workflow.escalate(id, body.reason(), caller).map(TicketView::of);
    }

    @PUT
    @Path("tickets/{id}/feature-answer")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    public Uni<TicketView> answer(@PathParam("id") UUID id, @Valid @NotNull FeatureAnswerRequest body) {
        return workflow.answerFeatureRequest(id, body, caller).map(TicketView::of);
    }

    private static Response created(org.slaplatform.ticket.domain.Ticket ticket) {
        return Response.created(URI.create("/api/v1/tickets/" + ticket.id)).entity(TicketView.of(ticket)).build();
    }
}
