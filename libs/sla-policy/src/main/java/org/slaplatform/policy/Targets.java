package org.slaplatform.policy;

import java.util.Optional;

/** The targets of one severity; any may be absent (IS Sev4 has no workaround target). */
public record Targets(Target firstResponse, Target workaround, Target resolution, Target nextResponse) {

    public static final Targets NONE = new Targets(null, null, null, null);

    public Optional<Target> get(TargetKind kind) {
        return Optional.ofNullable(switch (kind) {
            case FIRST_RESPONSE -> firstResponse;
            case WORKAROUND -> workaround;
            case RESOLUTION -> resolution;
            case NEXT_RESPONSE -> nextResponse;
        });
    }
}
