package dev.simclr.augment.fetch;

import java.util.Locale;

/**
 * Recognises IPv4 addresses written the way {@code inet_aton} (and so many HTTP stacks) accept them: one to four parts,
 * each decimal, octal (leading 0) or hexadecimal (0x), e.g. {@code 2130706433}, {@code 017700000001}, {@code 0x7f.1},
 * {@code 127.1} — all 127.0.0.1. Following the WHATWG URL rule, a host whose last label is numeric is an IPv4 address
 * or invalid.
 */
final class HostLiterals {

    private HostLiterals() {}

    /** True if the host's last label is a number (decimal digits or 0x-hex), so it must be read as IPv4. */
    static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x")) {
            return last.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
        }
        return last.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /** The address {@code inet_aton} would read from {@code host}, or null if it is not a valid numeric form. */
    static byte[] parseInetAton(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = parsePart(parts[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        long addr = 0;
        int n = parts.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            addr |= values[i] << (24 - 8 * i);
        }
        long lastMax = (1L << (8 * (5 - n))) - 1;
        if (values[n - 1] > lastMax) {
            return null;
        }
        addr |= values[n - 1];
        return new byte[] {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
    }

    /** True for the plain dotted-quad form: four decimal parts 0..255 without leading zeros. */
    static boolean isCanonicalDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty()
                    || p.length() > 3
                    || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Long parsePart(String p) {
        if (p.isEmpty() || p.length() > 34) {
            return null;
        }
        String s = p.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
            if (s.isEmpty()) {
                return 0L;
            }
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            s = s.substring(1);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return null;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFL) {
                return null;
            }
        }
        return v;
    }
}
