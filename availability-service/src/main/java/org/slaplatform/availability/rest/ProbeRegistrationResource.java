package org.slaplatform.availability.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.slaplatform.availability.mapping.ProbeRegistration;
import org.slaplatform.availability.service.ProbeRegistry;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** Issue 17: an admin registers what a probe ({@code probe} = its token's {@code sub}) reports on and from where. */
@Path("/api/v1/probes/{probe}")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProbeRegistrationResource {

    private final ProbeRegistry registry;
    private final Caller caller;
    private final JsonWebToken token;

    ProbeRegistrationResource(ProbeRegistry registry, Caller caller, JsonWebToken token) {
        this.registry = registry;
        this.caller = caller;
        this.token = token;
    }

    /** Replaces the probe's accounts and locations; empty lists unregister it. */
    @PUT
    public Uni<ProbeRegistration> register(@PathParam("probe") String probe, ProbeRegistration request) {
        return registry.register(probe, request, RequestActor.of(caller, token));
    }

    @GET
    public Uni<ProbeRegistration> get(@PathParam("probe") String probe) {
        return registry.get(probe);
    }
}
