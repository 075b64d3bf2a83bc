package dev.simclr.contracts;

/** Small string helpers for validation and for echoing untrusted input in one-line reasons. */
final class Text {

    /** Longest excerpt of untrusted input echoed in an error message. */
    static final int MAX_ECHO_CHARS = 80;

    private Text() {}

    /**
     * Quotes untrusted text for an error message: single quotes, control characters and unpaired surrogates escaped as
     * {@code \\uXXXX}, cut to {@link #MAX_ECHO_CHARS} characters.
     */
    static String quote(String s) {
        return "'" + escape(s, MAX_ECHO_CHARS) + "'";
    }

    /** Escapes control characters and unpaired surrogates and cuts to {@code max} characters. */
    static String escape(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || isUnpairedSurrogate(s, i)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > max) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.toString();
    }

    /** Index of the first ISO control character or unpaired surrogate, or -1. */
    static int firstControlOrBrokenChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || isUnpairedSurrogate(s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first whitespace character (including no-break spaces), or -1. */
    static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code s} starts or ends with whitespace. */
    static boolean hasOuterWhitespace(String s) {
        return !s.isEmpty() && !s.strip().equals(s);
    }

    /** Number of UTF-8 bytes of a string that has no unpaired surrogates. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean isUnpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
