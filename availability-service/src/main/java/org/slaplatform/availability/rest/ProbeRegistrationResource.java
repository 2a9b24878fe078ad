package org.slaplatform.availability.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.slaplatform.availability.mapping.ProbeRegistration;
import org.slaplatform.availability.service.ProbeRegistry;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** An admin registers what a probe ({@code probe} = its token's {@code sub}) reports on and from where. */
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
    @Operation(operationId = "registerProbe", summary = "Register a probe's scope and locations",
            description = "A probe is its token's `sub`. Sets the accounts it reports on (`*` = every account) "
                    + "and the locations it reports from; a location belongs to one probe (409 otherwise). Empty "
                    + "lists unregister it.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"accounts\": [\"acme\"], \"locations\": [\"frankfurt\", \"virginia\"]}") }))
    @APIResponse(responseCode = "200", description = "The registration.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProbeRegistration.class)))
    @Extension(name = "x-problem-responses", value = "409")
    @PUT
    public Uni<ProbeRegistration> register(@PathParam("probe") String probe, @Valid ProbeRegistration request) {
        return registry.register(probe, request, RequestActor.of(caller, token));
    }

    @Operation(operationId = "getProbe", summary = "A probe's registration",
            description = "The accounts and locations registered for the probe; 404 when it has none.")
    @GET
    public Uni<ProbeRegistration> get(@PathParam("probe") String probe) {
        return registry.get(probe);
    }
}
