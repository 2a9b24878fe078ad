package org.slaplatform.availability.domain;

import java.time.Instant;
import java.time.YearMonth;

import org.slaplatform.runtime.problem.MonthParameter;
import org.slaplatform.runtime.problem.ProblemException;

/**
 * Every request bounded: the range of months and instants this service answers for, and
 * the lengths of its free-text fields. Out of range is a 400 naming the field, before any work.
 */
public final class InputBounds {

    /** The first and last month a {@code month} parameter may name. */
    public static final YearMonth FIRST_MONTH = MonthParameter.FIRST;
    public static final YearMonth LAST_MONTH = MonthParameter.LAST;
    /** Instants a query parameter may name: from the first month's start to the last month's end (UTC). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2101-01-01T00:00:00Z");
    /** Ids (account, instance, location) in bodies and parameters. */
    public static final int MAX_ID = 100;
    /** A maintenance description. */
    public static final int MAX_DESCRIPTION = 2_000;
    /** Probe locations there may be: one bit each in a minute's 64-bit masks, the sign bit unused. */
    public static final int MAX_LOCATIONS = 63;

    private InputBounds() {
    }

    /** {@code yyyy-MM} between {@link #FIRST_MONTH} and {@link #LAST_MONTH}, or a 400 naming {@code field}. */
    public static YearMonth month(String field, String text) {
        return MonthParameter.parse(field, text);
    }

    /** An instant between {@link #EARLIEST} and {@link #LATEST}, or a 400 naming {@code field}. */
    public static Instant instant(String field, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || !t.isBefore(LATEST))) {
            throw ProblemException.badRequest(field, "must be from " + EARLIEST + " to before " + LATEST);
        }
        return t;
    }

    /** A string of at most {@code max} characters (null allowed), or a 400 naming {@code field}. */
    public static String text(String field, String text, int max) {
        if (text != null && text.length() > max) {
            throw ProblemException.badRequest(field, "at most " + max + " characters");
        }
        return text;
    }
}
