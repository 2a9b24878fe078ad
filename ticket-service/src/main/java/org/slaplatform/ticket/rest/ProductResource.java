package org.slaplatform.ticket.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.slaplatform.runtime.security.Roles;
import org.slaplatform.ticket.mapping.AccountRequest;
import org.slaplatform.ticket.mapping.ProductRequest;
import org.slaplatform.ticket.mapping.ProductView;
import org.slaplatform.ticket.service.ProductService;

import io.smallrye.mutiny.Uni;

/** Products, releases and the support status of each version (IS-LIFE-1/2, ITC-LIFE-3). */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;

    ProductResource(ProductService products) {
        this.products = products;
    }

    @Operation(operationId = "putProduct", summary = "Create or replace a product and its releases",
            description = "IS-LIFE-1: an admin writes the product with its release history (general availability, "
                    + "end of sales, end of mainstream support, end of life per version); published on the "
                    + "compacted `products.v1`.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = {
            @ExampleObject(name = "example", value = "{\"name\": \"SLA Suite\", \"policy\": \"infotecs\", \"releases\": [{\"version\": "
                    + "\"4.2\", \"generalAvailability\": \"2025-03-31\", \"endOfSales\": \"2027-09-30\", "
                    + "\"endOfMainstreamSupport\": \"2028-03-31\", \"endOfLife\": \"2028-12-31\"}], "
                    + "\"platforms\": [\"linux-x64\"]}") }))
    @PUT
    @Path("{productId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProductView> put(
            @PathParam("productId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String productId,
            @Valid @NotNull ProductRequest body) {
        return products.put(productId, body);
    }

    /** The release history with each version's status on {@code on} (today when absent). */
    @Operation(operationId = "getProduct", summary = "One product and the support status of its versions",
            description = "IS-LIFE-2, ITC-LIFE-3: the release history with each version's support status on `on` (a "
                    + "date, today when absent).")
    @GET
    @Path("{productId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<ProductView> get(@PathParam("productId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String productId, @QueryParam("on") LocalDate on) {
        return products.get(productId, on);
    }
}
