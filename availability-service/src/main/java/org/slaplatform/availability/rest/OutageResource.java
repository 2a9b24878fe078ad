package org.slaplatform.availability.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.slaplatform.availability.mapping.OutageEnd;
import org.slaplatform.availability.mapping.OutageRequest;
import org.slaplatform.availability.mapping.OutageView;
import org.slaplatform.availability.service.OutageService;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** AVL-1: explicit outage start and end, from a probe or an operator. */
@Path("/api/v1/outages")
@RolesAllowed({ Roles.PROBE, Roles.AGENT, Roles.ADMIN })
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OutageResource {

    private final OutageService outages;
    private final Caller caller;

    OutageResource(OutageService outages, Caller caller) {
        this.outages = outages;
        this.caller = caller;
    }

    @POST
    public Uni<Response> start(OutageRequest request) {
        return outages.start(request, caller).map(v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    @POST
    @Path("/{id}/end")
    public Uni<OutageView> end(@PathParam("id") UUID id, OutageEnd request) {
        return outages.end(id, request);
    }
}
