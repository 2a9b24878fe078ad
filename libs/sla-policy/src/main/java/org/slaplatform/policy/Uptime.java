package org.slaplatform.policy;

/**
 * How availability is measured (AVL-1, QNT-AVL-2).
 *
 * @param zone   zone whose calendar months are measured: a zone id, or {@code account} for the
 *               contract's own time zone (POL-2)
 * @param quorum how many probe locations must see an instance down for a minute to count
 */
public record Uptime(String zone, Quorum quorum) {

    public record Quorum(Rule rule, Integer locations) {
        public enum Rule { ANY, MAJORITY, ALL, AT_LEAST }

        /** Whether {@code down} of {@code reporting} locations make the minute Unavailable. */
        public boolean isUnavailable(int down, int reporting) {
            if (reporting <= 0 || down <= 0) {
                return false;
            }
            return switch (rule) {
                case ANY -> true;
                case MAJORITY -> down * 2 > reporting;
                case ALL -> down >= reporting;
                case AT_LEAST -> down >= Math.min(locations, reporting);
            };
        }
    }
}
