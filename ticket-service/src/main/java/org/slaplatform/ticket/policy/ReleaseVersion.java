package org.slaplatform.ticket.policy;

import java.util.regex.Pattern;

/** A version major.minor.build.patch (IS-LIFE-1): a major release changes the first digit. */
public record ReleaseVersion(int major, int minor, int build, int patch) implements Comparable<ReleaseVersion> {

    public static final String PATTERN = "[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    public static ReleaseVersion parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a version x.x.x.x: " + text);
        }
        String[] parts = text.split("\\.");
        return new ReleaseVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int c = Integer.compare(major, other.major);
        c = c != 0 ? c : Integer.compare(minor, other.minor);
        c = c != 0 ? c : Integer.compare(build, other.build);
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + patch;
    }
}
