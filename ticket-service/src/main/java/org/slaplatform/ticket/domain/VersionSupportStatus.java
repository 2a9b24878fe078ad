package org.slaplatform.ticket.domain;

/** Where a version stands on a given day under its policy (IS-LIFE-2, ITC-LIFE-3). */
public enum VersionSupportStatus {
    /** supported, the policy states no lifecycle phases */
    SUPPORTED,
    /** ITC-LIFE-3 mainstream support: before EOMS */
    MAINSTREAM,
    /** ITC-LIFE-3 extended support: after EOMS, up to EOL; only vulnerabilities and critical bugs free */
    EXTENDED,
    /** IS-LIFE-2: the major release's year of support is over */
    UNSUPPORTED,
    /** ITC-LIFE-3: after EOL, no support at all */
    END_OF_LIFE;

    public boolean outOfSupport() {
        return this == UNSUPPORTED || this == END_OF_LIFE;
    }
}
