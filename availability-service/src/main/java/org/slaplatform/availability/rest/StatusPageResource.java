package org.slaplatform.availability.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.service.StatusPage;
import org.slaplatform.runtime.problem.ProblemException;

import io.smallrye.mutiny.Uni;

/** QNT-AVL-6: the public status page, one of the platform's anonymous paths (DESIGN 7). */
@Path("/status")
@PermitAll
public class StatusPageResource {

    private final StatusPage page;

    StatusPageResource(StatusPage page) {
        this.page = page;
    }

    /** The account's page; {@code environment} narrows it to one group of instances (e.g. production). */
    @GET
    @Path("/{accountId}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> status(@PathParam("accountId") String accountId, @QueryParam("environment") String environment) {
        if (accountId.length() > InputBounds.MAX_ID || environment != null && environment.length() > InputBounds.MAX_ID) {
            throw ProblemException.notFound("status page");
        }
        return page.render(accountId, environment).map(html -> {
            if (html == null) {
                throw ProblemException.notFound("status page " + accountId);
            }
            return html;
        });
    }
}
