package org.slaplatform.runtime.problem;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A month named by a request ({@code ?month=}, a billing cycle in a path): {@code yyyy-MM} from
 * {@link #FIRST} to {@link #LAST}, or a 400 problem naming the field. Years such as {@code -99999}
 * or {@code 0000} are refused before any work, in every service.
 */
public final class MonthParameter {

    public static final YearMonth FIRST = YearMonth.of(2000, 1);
    public static final YearMonth LAST = YearMonth.of(2100, 12);

    private MonthParameter() {
    }

    public static YearMonth parse(String field, String text) {
        String expected = "must be a month yyyy-MM from " + FIRST + " to " + LAST + ", was '" + shorten(text) + "'";
        if (text == null || text.length() != 7) {
            throw ProblemException.badRequest(field, expected);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, expected);
        }
        if (month.isBefore(FIRST) || month.isAfter(LAST)) {
            throw ProblemException.badRequest(field, expected);
        }
        return month;
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
