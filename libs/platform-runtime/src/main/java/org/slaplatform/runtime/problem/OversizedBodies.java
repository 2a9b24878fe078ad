package org.slaplatform.runtime.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose declared body ({@code Content-Length}) is over
 * {@code quarkus.http.limits.max-body-size} is refused before it is read, as an RFC 9457 problem
 * like every other 4xx, instead of the HTTP layer's bare 413 with no content type. (A chunked body
 * that grows past the limit is still cut off by the HTTP layer itself.)
 */
@ApplicationScoped
public class OversizedBodies {

    private final MemorySize maxBodySize;
    private final ObjectMapper json;

    OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize,
            ObjectMapper json) {
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseIfDeclaredTooLarge);
    }

    private void refuseIfDeclaredTooLarge(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= maxBodySize.asLongValue()) {
            context.next();
            return;
        }
        Problem problem = Problem.payloadTooLarge(
                "the request body is " + length + " bytes, more than the " + maxBodySize.asLongValue()
                        + " this service accepts; nothing was stored")
                .withInstance(context.request().path());
        try {
            context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(413);
        }
    }
}
