package org.slaplatform.runtime.worker;

/**
 * One background job's turn: do one batch (or find none) and say when to turn again. The {@link Worker}
 * that runs it owns the thread, the wake-ups, the back-off after a failure and the heartbeat.
 */
@FunctionalInterface
public interface Job {

    /**
     * Does one batch. Throwing counts as a failed turn: the worker backs off, reconnects its LISTEN
     * connection and turns again; it beats its heartbeat only after a turn that returned.
     */
    Next turn() throws Exception;
}
