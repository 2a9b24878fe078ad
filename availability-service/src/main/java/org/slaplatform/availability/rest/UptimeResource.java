package org.slaplatform.availability.rest;

import java.time.YearMonth;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.mapping.ErrorBudgetView;
import org.slaplatform.availability.mapping.UptimeView;
import org.slaplatform.availability.service.MonthClose;
import org.slaplatform.availability.service.UptimeService;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/** QNT-AVL-2, IS-AVL-5, AVL-7: an instance's monthly figures, error budget and published month results. */
@Path("/api/v1/instances/{instanceId}")
@RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
@Produces(MediaType.APPLICATION_JSON)
public class UptimeResource {

    private final UptimeService uptime;
    private final MonthClose monthClose;
    private final Caller caller;

    UptimeResource(UptimeService uptime, MonthClose monthClose, Caller caller) {
        this.uptime = uptime;
        this.monthClose = monthClose;
        this.caller = caller;
    }

    /** The month's figures with their explanation; without {@code month}, the running month so far. */
    @Operation(operationId = "getUptime", summary = "An instance's monthly uptime",
            description = "QNT-AVL-2, IS-AVL-5: the month's uptime with its explanation (minutes counted, excluded, "
                    + "unavailable). Without `month` (yyyy-MM), the running month so far.")
    @GET
    @Path("/uptime")
    public Uni<UptimeView> uptime(@PathParam("instanceId") String instanceId, @QueryParam("month") String month) {
        return uptime.visible(instanceId, caller)
                .chain(instance -> uptime.month(instance, month == null ? uptime.currentMonth(instance) : parse(month)));
    }

    @Operation(operationId = "getErrorBudget", summary = "An instance's error budget",
            description = "The running month's error budget: the minutes of downtime the policy's target allows, "
                    + "used and left. 409 when the instance's plan has no uptime commitment.")
    @Extension(name = "x-problem-responses", value = "409")
    @GET
    @Path("/error-budget")
    public Uni<ErrorBudgetView> errorBudget(@PathParam("instanceId") String instanceId) {
        return uptime.visible(instanceId, caller).chain(uptime::errorBudget);
    }

    /** AVL-7: every published version of a closed month, oldest first, with its explanation. */
    @Operation(operationId = "getMonthResults", summary = "Published versions of a closed month",
            description = "AVL-7: every published version of a closed month (yyyy-MM), oldest first, each with its "
                    + "explanation; a correction is a higher version.")
    @GET
    @Path("/months/{month}/results")
    public Uni<String> results(@PathParam("instanceId") String instanceId, @PathParam("month") String month) {
        YearMonth ym = parse(month);
        return uptime.visible(instanceId, caller).chain(i -> monthClose.versions(instanceId, ym.toString()))
                .map(UptimeResource::jsonArray);
    }

    private static String jsonArray(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** A month from 2000-01 to 2100-12, else a 400 naming {@code month}. */
    private static YearMonth parse(String month) {
        return InputBounds.month("month", month);
    }
}
