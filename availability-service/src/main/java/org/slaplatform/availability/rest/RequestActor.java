package org.slaplatform.availability.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.slaplatform.availability.domain.Actor;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

/** The {@link Actor} of the current request, from its verified token. */
final class RequestActor {

    private RequestActor() {
    }

    static Actor of(Caller caller, JsonWebToken token) {
        String role = caller.hasRole(Roles.ADMIN) ? Roles.ADMIN : caller.hasRole(Roles.AGENT) ? Roles.AGENT
                : caller.hasRole(Roles.PROBE) ? Roles.PROBE : caller.hasRole(Roles.CUSTOMER) ? Roles.CUSTOMER
                : caller.hasRole(Roles.PARTNER) ? Roles.PARTNER : "none";
        String subject = token.getSubject() == null ? caller.name() : token.getSubject();
        return new Actor(subject, role);
    }
}
