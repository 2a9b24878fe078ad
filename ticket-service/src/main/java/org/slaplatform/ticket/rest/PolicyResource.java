package org.slaplatform.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.mapping.PolicyIndexView;
import org.slaplatform.ticket.mapping.PolicyTermsView;
import org.slaplatform.ticket.service.PolicyTerms;

/**
 * The published policies (POL-1, POL-3, issue 18): read-only. Policies are the terms every contract is
 * under, not any one account's data: every authenticated role may read them (docs/security.md).
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.PROBE, Roles.ADMIN })
public class PolicyResource {

    /** A policy's name as the policy files write it (PolicyValidator), at most 63 characters. */
    static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    /** A version from 1 to 10000. */
    static final String VERSION = "[1-9][0-9]{0,3}|10000";

    private final PolicyTerms terms;

    PolicyResource(PolicyTerms terms) {
        this.terms = terms;
    }

    @Operation(operationId = "listPolicies", summary = "Every policy and version the platform knows",
            description = "POL-1, POL-3: name, version, title, effective date and source document of every version of "
                    + "every policy, and which version is in force today (UTC): the one new contracts start under.")
    @GET
    public PolicyIndexView list() {
        return terms.index();
    }

    @Operation(operationId = "getPolicyVersion", summary = "One version of a policy, as customers read it",
            description = "POL-1, POL-3: the calendars with their description and closures, the severity scale with "
                    + "each target's figure (ISO-8601) and the rule it implements, pauses, reopening, plans, exclusions "
                    + "and the maintenance notices. 404 for a policy or version the platform does not have.")
    @GET
    @Path("{name}/versions/{version}")
    public PolicyTermsView get(
            @Parameter(description = "the policy's name, e.g. infostretch", example = "infostretch")
            @PathParam("name") @Pattern(regexp = NAME, message = "must be a policy name: lower-case letters, digits and '-', at most 63") String name,
            @Parameter(description = "the version, 1 to 10000", example = "1")
            @PathParam("version") @Pattern(regexp = VERSION, message = "must be a whole number from 1 to 10000") String version) {
        return terms.version(name, Integer.parseInt(version));
    }
}
