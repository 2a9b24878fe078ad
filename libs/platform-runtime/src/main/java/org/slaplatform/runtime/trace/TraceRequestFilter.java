package org.slaplatform.runtime.trace;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.slaplatform.events.Traceparent;

/**
 * Every REST request runs in a span of its own: a child of the caller's {@code traceparent} header,
 * or the root of a new trace when it sends none (or an invalid one). Its log lines and the outbox rows
 * it writes carry the trace; the events they become carry it on as {@code ce_traceparent}.
 */
public class TraceRequestFilter {

    @ServerRequestFilter(preMatching = true)
    public void enterSpan(ContainerRequestContext request) {
        TraceContext.continueFrom(request.getHeaderString(Traceparent.HEADER));
    }
}
