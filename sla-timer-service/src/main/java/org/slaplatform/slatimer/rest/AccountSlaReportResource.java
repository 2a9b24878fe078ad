package org.slaplatform.slatimer.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.slatimer.mapping.MonthlySlaReport;
import org.slaplatform.slatimer.service.SlaReports;

import io.smallrye.mutiny.Uni;

/** SLA-6: share of targets met by severity and target, and the breaches, per account and month. */
@Path("/api/v1/accounts/{accountId}/sla-report")
@Produces(MediaType.APPLICATION_JSON)
public class AccountSlaReportResource {

    private final SlaReports reports;
    private final Caller caller;

    AccountSlaReportResource(SlaReports reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @Operation(operationId = "getAccountSlaReport", summary = "An account's monthly SLA report",
            description = "SLA-6: the share of targets met by severity and target in `month` (yyyy-MM, in the "
                    + "account's time zone), and the breaches listed.")
    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<MonthlySlaReport> get(@PathParam("accountId") String accountId, @QueryParam("month") String month) {
        return reports.month(accountId, month, caller);
    }
}
