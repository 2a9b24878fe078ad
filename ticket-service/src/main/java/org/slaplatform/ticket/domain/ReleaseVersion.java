package org.slaplatform.ticket.domain;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A product version: numbers separated by dots, as many as the policy's {@code scheme} names (IS-LIFE-1
 * major.minor.build.patch, ITC major.minor); a major release changes the first number. Compared number
 * by number; a missing trailing number counts as 0.
 */
public record ReleaseVersion(List<Integer> numbers) implements Comparable<ReleaseVersion> {

    /** Any scheme's shape: 1 to 6 numbers; the policy's scheme decides how many (IntakeRules.VersionRules). */
    public static final String PATTERN = "[0-9]{1,6}(\\.[0-9]{1,6}){0,5}";
    public static final String MESSAGE = "must be a version: numbers separated by dots, as the policy's scheme names them";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public ReleaseVersion {
        numbers = List.copyOf(numbers);
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    public static ReleaseVersion parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a version of dot-separated numbers: " + text);
        }
        return new ReleaseVersion(Arrays.stream(text.split("\\.")).map(Integer::valueOf).toList());
    }

    public int major() {
        return numbers.get(0);
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int c = Integer.compare(i < numbers.size() ? numbers.get(i) : 0,
                    i < other.numbers.size() ? other.numbers.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", numbers.stream().map(String::valueOf).toList());
    }
}
