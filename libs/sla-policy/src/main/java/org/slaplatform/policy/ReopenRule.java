package org.slaplatform.policy;

/** TKT-4 reopen: the clocks either resume where they stopped or start a new cycle from the reopening. */
public record ReopenRule(Behaviour behaviour, String rule) {

    public enum Behaviour { RESUME, NEW_CYCLE }
}
