package org.slaplatform.availability.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.slaplatform.availability.service.StatusPage;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.service.PublishedStatusPages;
import org.slaplatform.runtime.problem.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * QNT-AVL-6: the public status page, one of the platform's anonymous paths (DESIGN 7). Issue 17:
 * only pages an account published, by slug; the same 404 for every other path, answered from memory.
 */
@Path("/status")
@PermitAll
public class StatusPageResource {

    private final PublishedStatusPages pages;

    StatusPageResource(PublishedStatusPages pages) {
        this.pages = pages;
    }

    /** The published page; {@code environment} narrows it to one group of instances (e.g. production). */
    @Operation(operationId = "statusPage", summary = "The account's public status page",
            description = "QNT-AVL-6: an account's public status page (HTML) at the slug it published it under, one "
                    + "of the platform's anonymous paths (DESIGN 7); the same 404 for every slug not published. "
                    + "`environment` narrows it to one group of instances (e.g. production).")
    @GET
    @Path("/{slug}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> status(@PathParam("slug") String slug, @QueryParam("environment") String environment) {
        if (slug.length() > InputBounds.MAX_ID || environment != null && environment.length() > InputBounds.MAX_ID) {
            throw notFound();
        }
        return pages.html(slug, environment).map(html -> {
            if (html == null) {
                throw notFound();
            }
            return html;
        });
    }

    /** One answer for an unknown slug, an unpublished account and an unknown environment alike. */
    private static ProblemException notFound() {
        return ProblemException.notFound("status page");
    }
}
