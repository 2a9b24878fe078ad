package org.slaplatform.runtime.problem;

/** A domain refusal that becomes a problem answer with its own status, e.g. 409 for an illegal transition. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, what + " does not exist"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "Conflict", 409, detail));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of("invalid-input", "Invalid input", 400, field + ": " + message)
                .withViolations(java.util.List.of(new Problem.Violation(field, message))));
    }
}
