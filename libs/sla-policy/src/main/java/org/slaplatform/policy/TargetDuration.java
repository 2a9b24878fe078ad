package org.slaplatform.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CAL-4: how long a target allows, either business time ("2 hours", "30 minutes", "PT2H") or a
 * count of business days ("1 business day", "5 business days"). Exactly one of the two is set.
 */
public record TargetDuration(Duration businessTime, int businessDays) {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s+(business\\s+days?|hours?|minutes?)");

    public TargetDuration {
        if ((businessTime == null) == (businessDays == 0)) {
            throw new IllegalArgumentException("give either business time or business days");
        }
        if (businessTime != null && (businessTime.isNegative() || businessTime.isZero())) {
            throw new IllegalArgumentException("a target duration must be positive");
        }
        if (businessDays < 0) {
            throw new IllegalArgumentException("business days must be positive");
        }
    }

    public static TargetDuration ofBusinessTime(Duration d) {
        return new TargetDuration(d, 0);
    }

    public static TargetDuration ofBusinessDays(int days) {
        return new TargetDuration(null, days);
    }

    @JsonCreator
    public static TargetDuration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase();
        Matcher m = TEXT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            if (n == 0) {
                throw new IllegalArgumentException("'" + text + "': a target duration must be positive");
            }
            String unit = m.group(2);
            if (unit.startsWith("business")) {
                if (n > 10_000) {
                    throw new IllegalArgumentException("'" + text + "': too many business days");
                }
                return ofBusinessDays((int) n);
            }
            return ofBusinessTime(unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofMinutes(n));
        }
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase());
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("'" + text + "': a target duration must be positive");
                }
                return ofBusinessTime(d);
            } catch (DateTimeParseException e) {
                // falls through to the common message
            }
        }
        throw new IllegalArgumentException("'" + text
                + "' is not a target duration; write e.g. '2 hours', '30 minutes', 'PT2H', '1 business day'");
    }

    public Optional<Duration> asBusinessTime() {
        return Optional.ofNullable(businessTime);
    }

    public boolean isBusinessDays() {
        return businessTime == null;
    }

    @JsonValue
    @Override
    public String toString() {
        if (isBusinessDays()) {
            return businessDays + (businessDays == 1 ? " business day" : " business days");
        }
        long minutes = businessTime.toMinutes();
        if (businessTime.toSecondsPart() == 0 && businessTime.toNanosPart() == 0) {
            return minutes % 60 == 0 ? minutes / 60 + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
        }
        return businessTime.toString();
    }
}
