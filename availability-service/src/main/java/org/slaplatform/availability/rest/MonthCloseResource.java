package org.slaplatform.availability.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.slaplatform.availability.service.MonthClose;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** AVL-7: operators may run the month close now instead of waiting for the schedule. */
@Path("/api/v1/month-closes")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class MonthCloseResource {

    private final MonthClose monthClose;

    MonthCloseResource(MonthClose monthClose) {
        this.monthClose = monthClose;
    }

    /** Closes and corrects whatever is due; answers how many versions were published. */
    @Operation(operationId = "runMonthCloses", summary = "Close and correct due months now",
            description = "AVL-7: runs the month close at once instead of waiting for the schedule: every due month "
                    + "is closed, and corrected months get a higher version. Answers how many versions were "
                    + "published. Admin only.")
    @POST
    @Path("/run")
    public Uni<Map<String, Integer>> run() {
        return monthClose.closeDue().map(n -> Map.of("published", n));
    }
}
