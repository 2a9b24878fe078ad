package org.slaplatform.runtime.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer
 * ({@code application/problem+json}).
 *
 * @param type       a URI naming the kind of problem
 * @param title      a short summary of the kind
 * @param status     the HTTP status
 * @param detail     what went wrong this time, for a person
 * @param instance   the request path
 * @param violations for invalid input: each bad field and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://slaplatform.org/problems/";

    /** A 413: one type, one title, wherever a body or a message is too large (RFC 9457: a type has one title). */
    public static Problem payloadTooLarge(String detail) {
        return of("payload-too-large", "Request body too large", 413, detail);
    }

    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + kind), title, status, detail, null, null);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, list);
    }

    /** One bad input field: its path ({@code severity}, {@code contacts[0].email}) and the reason. */
    public record Violation(String field, String message) {
    }
}
