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

    @PUT
    @Path("{productId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProductView> put(
            @PathParam("productId") @Pattern(regexp = AccountRequest.ID, message = "must be an id: lower-case letters, digits and '-'") String productId,
            @Valid @NotNull ProductRequest body) {
        return products.put(productId, body);
    }

    /** The release history with each version's status on {@code on} (today when absent). */
    @GET
    @Path("{productId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.PARTNER, Roles.AGENT, Roles.ADMIN })
    public Uni<ProductView> get(@PathParam("productId") String productId, @QueryParam("on") LocalDate on) {
        return products.get(productId, on);
    }
}
