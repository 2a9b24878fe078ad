package org.slaplatform.runtime.trace;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.Traceparent;

/**
 * The W3C trace context of the work under way, kept in the logging MDC ({@code traceId},
 * {@code spanId}, {@code sampled}, the keys Quarkus' own tracing uses), so that every log line of a
 * request or of a consumed event names its trace, and the outbox rows written meanwhile carry it to
 * Kafka. In Quarkus the MDC of a request or a consumed record lives in its Vert.x duplicated context,
 * so it follows reactive continuations; on a plain thread it is thread-local.
 */
public final class TraceContext {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String SAMPLED = "sampled";

    private TraceContext() {
    }

    /**
     * Starts this hop's span: a child of {@code incoming} (a {@code traceparent} header value) when it
     * is a valid one, else a new trace (W3C: a receiver that cannot read the header restarts the trace).
     * The span becomes the current context.
     */
    public static Traceparent continueFrom(String incoming) {
        Traceparent span = Traceparent.parse(incoming).map(Traceparent::child).orElseGet(Traceparent::newTrace);
        enter(span);
        return span;
    }

    /**
     * Each consumed event of a batch in this hop's span (a child of its {@code ce_traceparent}, or a new
     * trace), so that an effect applying them together can carry each one's trace on to what it writes
     * ({@link EventEnvelope#traceparent()}). A batch of one trace (as a batch of one event is) makes it
     * the current context; a batch of several traces leaves none current, as no one trace is the batch's.
     */
    public static List<EventEnvelope<?>> continueBatch(List<EventEnvelope<?>> events) {
        List<EventEnvelope<?>> traced = new ArrayList<>(events.size());
        Traceparent first = null;
        boolean oneTrace = true;
        for (EventEnvelope<?> event : events) {
            Traceparent span = Traceparent.parse(event.traceparent()).map(Traceparent::child)
                    .orElseGet(Traceparent::newTrace);
            first = first == null ? span : first;
            oneTrace &= span.traceId().equals(first.traceId());
            traced.add(event.withTraceparent(span.toString()));
        }
        if (first != null && oneTrace) {
            enter(first);
        } else {
            clear();
        }
        return traced;
    }

    /** Makes {@code span} the current context. */
    public static void enter(Traceparent span) {
        MDC.put(TRACE_ID, span.traceId());
        MDC.put(SPAN_ID, span.spanId());
        MDC.put(SAMPLED, Boolean.toString(span.sampled()));
    }

    /** Forgets the current context (a loop between two units of work). */
    public static void clear() {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
        MDC.remove(SAMPLED);
    }

    /** The current context as a {@code traceparent} value, null when there is none. */
    public static String current() {
        Object traceId = MDC.get(TRACE_ID);
        Object spanId = MDC.get(SPAN_ID);
        if (traceId == null || spanId == null) {
            return null;
        }
        try {
            return new Traceparent(traceId.toString(), spanId.toString(),
                    "false".equals(String.valueOf(MDC.get(SAMPLED))) ? "00" : "01").toString();
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
