package org.slaplatform.policy.calendar;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stretch of working hours inside a local day, as wall-clock seconds {@code [start, end)}.
 * {@code end} may be 86400 ("24:00"), which means the next local midnight; an interval never
 * crosses midnight (a night shift is written as two intervals on two days).
 *
 * <p>DST (CAL-1): the interval covers the instants from the first moment the wall clock shows
 * {@code start} or later up to the first moment it shows {@code end} or later. A start inside a
 * spring-forward gap therefore opens at the transition; a repeated hour after fall-back stays open.
 */
public record WorkingInterval(int startSecond, int endSecond) implements Comparable<WorkingInterval> {

    public static final int SECONDS_PER_DAY = 86_400;
    private static final Pattern TEXT = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*-\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    public WorkingInterval {
        if (startSecond < 0 || startSecond >= SECONDS_PER_DAY) {
            throw new IllegalArgumentException("start must be within 00:00-23:59:59");
        }
        if (endSecond <= startSecond || endSecond > SECONDS_PER_DAY) {
            throw new IllegalArgumentException("end must be after start and no later than 24:00");
        }
    }

    public static WorkingInterval of(LocalTime start, LocalTime end) {
        return new WorkingInterval(start.toSecondOfDay(), end.toSecondOfDay());
    }

    public static WorkingInterval untilMidnight(LocalTime start) {
        return new WorkingInterval(start.toSecondOfDay(), SECONDS_PER_DAY);
    }

    public static WorkingInterval wholeDay() {
        return new WorkingInterval(0, SECONDS_PER_DAY);
    }

    /** Parses {@code "09:00-18:00"}; {@code "24:00"} is allowed as an end. */
    public static WorkingInterval parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a working interval like 09:00-18:00");
        }
        return new WorkingInterval(seconds(m, 1, false), seconds(m, 4, true));
    }

    private static int seconds(Matcher m, int group, boolean mayBe24) {
        int h = Integer.parseInt(m.group(group));
        int min = Integer.parseInt(m.group(group + 1));
        int s = m.group(group + 2) == null ? 0 : Integer.parseInt(m.group(group + 2));
        boolean is24 = h == 24 && min == 0 && s == 0;
        if ((h > 23 && !(mayBe24 && is24)) || min > 59 || s > 59) {
            throw new IllegalArgumentException("'" + m.group() + "' holds an invalid time of day");
        }
        return h * 3600 + min * 60 + s;
    }

    public boolean overlaps(WorkingInterval other) {
        return startSecond < other.endSecond && other.startSecond < endSecond;
    }

    @Override
    public int compareTo(WorkingInterval o) {
        return Integer.compare(startSecond, o.startSecond);
    }

    @Override
    public String toString() {
        return text(startSecond) + "-" + text(endSecond);
    }

    private static String text(int s) {
        String hm = String.format("%02d:%02d", s / 3600, s / 60 % 60);
        return s % 60 == 0 ? hm : hm + String.format(":%02d", s % 60);
    }
}
