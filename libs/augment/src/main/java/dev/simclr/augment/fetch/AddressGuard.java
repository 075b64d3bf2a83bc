package dev.simclr.augment.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Decides whether an address may be connected to: only public unicast. Refused IPv4: 0/8, 10/8, 100.64/10 (CGNAT),
 * 127/8, 169.254/16 (link-local, incl. the 169.254.169.254 metadata service), 172.16/12, 192.0.0/24, 192.0.2/24,
 * 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4 (reserved, broadcast).
 * Refused IPv6: ::, ::1, IPv4-compatible ::/96, IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
 * 100::/64, Teredo 2001::/32, 2001:db8::/32, 6to4 2002::/16, ULA fc00::/7, link-local fe80::/10, site-local fec0::/10,
 * multicast ff00::/8.
 */
final class AddressGuard {

    private AddressGuard() {}

    /** Null if {@code a} is an allowed public unicast address, else the reason it is refused. */
    static String whyRefused(InetAddress a, boolean allowLoopback) {
        if (a instanceof Inet4Address) {
            return whyRefused4(a.getAddress(), allowLoopback);
        }
        if (a instanceof Inet6Address) {
            return whyRefused6(a.getAddress(), allowLoopback);
        }
        return "unknown address type";
    }

    static String whyRefused4(byte[] b, boolean allowLoopback) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        if (a0 == 127) {
            return allowLoopback ? null : "loopback address";
        }
        if (a0 == 0) {
            return "unspecified/this-network address (0.0.0.0/8)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private address (RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return "carrier-grade NAT address (100.64.0.0/10)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local address (169.254.0.0/16, incl. cloud metadata)";
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return "reserved IETF/documentation address";
        }
        if ((a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "documentation address";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "6to4 relay anycast address";
        }
        if (a0 == 198 && (a1 & 0xFE) == 18) {
            return "benchmarking address (198.18.0.0/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast address";
        }
        if (a0 >= 240) {
            return "reserved or broadcast address (240.0.0.0/4)";
        }
        return null;
    }

    static String whyRefused6(byte[] b, boolean allowLoopback) {
        boolean first80Zero = true;
        for (int i = 0; i < 10; i++) {
            first80Zero &= b[i] == 0;
        }
        boolean first96Zero = first80Zero && b[10] == 0 && b[11] == 0;
        if (first96Zero) {
            boolean zeroToLast = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroToLast && b[15] == 0) {
                return "unspecified address (::)";
            }
            if (zeroToLast && b[15] == 1) {
                return allowLoopback ? null : "loopback address (::1)";
            }
            return "IPv4-compatible IPv6 address (::/96)";
        }
        if (first80Zero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return "IPv4-mapped IPv6 address (::ffff:0:0/96)";
        }
        int w0 = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        int w1 = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        int w2 = (b[4] & 0xFF) << 8 | (b[5] & 0xFF);
        if (w0 == 0x0064 && w1 == 0xff9b && (w2 == 0 || w2 == 1)) {
            return "NAT64 address (64:ff9b::/96, 64:ff9b:1::/48)";
        }
        if (w0 == 0x0100 && w1 == 0 && w2 == 0 && b[6] == 0 && b[7] == 0) {
            return "discard-only address (100::/64)";
        }
        if (w0 == 0x2001 && (w1 == 0 || w1 == 0x0db8)) {
            return w1 == 0 ? "Teredo address (2001::/32)" : "documentation address (2001:db8::/32)";
        }
        if (w0 == 0x2002) {
            return "6to4 address (2002::/16)";
        }
        if ((w0 & 0xFE00) == 0xFC00) {
            return "unique local address (fc00::/7)";
        }
        if ((w0 & 0xFFC0) == 0xFE80) {
            return "link-local address (fe80::/10)";
        }
        if ((w0 & 0xFFC0) == 0xFEC0) {
            return "site-local address (fec0::/10)";
        }
        if ((w0 & 0xFF00) == 0xFF00) {
            return "multicast address (ff00::/8)";
        }
        return null;
    }
}
