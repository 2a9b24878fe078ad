package org.slaplatform.availability.domain;

/**
 * Who makes a request, as the audit and the reporter check need it: the token's
 * {@code sub} and the role it acts in ({@code admin} over {@code agent} over {@code probe} when a
 * token carries several).
 */
public record Actor(String subject, String role) {

    public boolean isStaff() {
        return "agent".equals(role) || "admin".equals(role);
    }
}
