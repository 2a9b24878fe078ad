package org.slaplatform.policy;


/** The clocks a severity may set (IS-SLA-1): each has its own target and may have its own calendar. */
public enum TargetKind {
    FIRST_RESPONSE("firstResponse"),
    WORKAROUND("workaround"),
    RESOLUTION("resolution"),
    NEXT_RESPONSE("nextResponse");

    private final String key;

    TargetKind(String key) {
        this.key = key;
    }

    /** The key of this target in a severity's {@code targets} block and in pause rules. */
    public String key() {
        return key;
    }
}
