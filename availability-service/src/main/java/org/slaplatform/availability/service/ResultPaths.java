package org.slaplatform.availability.service;

/**
 * How a probe request names the field of its i-th result in a 4xx ({@code results[3].time},
 * {@code groups[0].instanceIds[7]}, or just {@code time} for a single result), and the list itself.
 */
public interface ResultPaths {

    /** @param field one of instanceId, location, time, up, latencyMs */
    String of(int i, String field);

    /** The name of the list of results ({@code results}, {@code groups}), or empty for a single result. */
    String list();

    ResultPaths SINGLE = new ResultPaths() {
        @Override
        public String of(int i, String field) {
            return field;
        }

        @Override
        public String list() {
            return "";
        }
    };

    ResultPaths RESULTS = new ResultPaths() {
        @Override
        public String of(int i, String field) {
            return "results[" + i + "]" + (field.isEmpty() ? "" : "." + field);
        }

        @Override
        public String list() {
            return "results";
        }
    };

    /** The compact shape: result i is entry {@code index[i]} of group {@code group[i]}. */
    static ResultPaths groups(int[] group, int[] index) {
        return new ResultPaths() {
            @Override
            public String of(int i, String field) {
                String at = "groups[" + group[i] + "]";
                return switch (field) {
                    case "instanceId" -> at + ".instanceIds[" + index[i] + "]";
                    case "up", "latencyMs" -> at + "." + field + "[" + index[i] + "]";
                    case "" -> at;
                    default -> at + "." + field;
                };
            }

            @Override
            public String list() {
                return "groups";
            }
        };
    }
}
