package org.slaplatform.runtime.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure of a request into an RFC 9457 problem: invalid input is a 400 naming the
 * field, never a 500; an unexpected failure is a 500 that leaks no internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return respond(Problem.of("invalid-input", "Invalid input", 400, detail).withViolations(violations), uri);
    }

    /** Outranks the built-in mapper of quarkus-rest-jackson, which answers without naming the field. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String reason;
        if (e instanceof UnrecognizedPropertyException unknown) {
            reason = "unknown field";
            field = field.isEmpty() ? unknown.getPropertyName() : field;
        } else if (e instanceof JsonMappingException) {
            reason = "has the wrong type or format";
        } else {
            reason = "the body is not valid JSON";
        }
        Problem problem = Problem.of("invalid-input", "Invalid input", 400, field.isEmpty() ? reason : field + ": " + reason);
        if (!field.isEmpty()) {
            problem = problem.withViolations(List.of(new Problem.Violation(field, reason)));
        }
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(Problem.of("unauthorized", "Unauthorized", 401, "the bearer token is not valid"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "your role may not do this"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadableBody) {
            return unreadable(unreadableBody, uri);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of("http-" + status, title, status, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (PoolExhaustion.isCause(e)) {
            LOG.warnf("no database connection for %s within the pool's wait: answered 503 (%s)", uri.getPath(), e);
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(Problem.of("overloaded", "Service overloaded", 503,
                            "no database connection became free in time; nothing was changed, retry later")
                            .withInstance(uri.getPath()))
                    .build();
        }
        LOG.error("unexpected failure on " + uri.getPath(), e);
        return respond(Problem.of("internal", "Internal error", 500, "the request failed; it has been logged"), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath())).build();
    }

    /** The request-body path of a violation ({@code body.contacts[0].email} becomes {@code contacts[0].email}). */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    && isBody(node.getName())) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                field.setLength(0);
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    private static boolean isBody(String parameterName) {
        return parameterName != null && (parameterName.equals("body") || parameterName.equals("request"));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
