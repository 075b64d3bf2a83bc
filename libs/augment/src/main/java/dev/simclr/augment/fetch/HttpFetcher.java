package dev.simclr.augment.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Fetches {@code http://} and {@code https://} URIs from allow-listed hosts only, with SSRF guards: no user-info, no
 * numeric hosts in non-canonical forms ({@code 2130706433}, {@code 0x7f.1}, {@code 017700000001}, {@code 127.1}), every
 * resolved address must be public unicast ({@link AddressGuard}), and the connection goes to the checked address itself
 * (the host is not resolved again, so DNS rebinding has no window; TLS still verifies the certificate against the host
 * name and sends it as SNI). Redirects are not followed. The body is limited while streaming; connect and total time
 * are bounded. Off unless a service enables it.
 */
public final class HttpFetcher implements ImageFetcher {

    private final Set<String> allowedHosts;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final HostResolver resolver;
    private final boolean allowLoopback;
    private final String userAgent;

    private HttpFetcher(Builder b) {
        this.allowedHosts = Set.copyOf(b.allowedHosts);
        this.connectTimeout = b.connectTimeout;
        this.totalTimeout = b.totalTimeout;
        this.resolver = b.resolver;
        this.allowLoopback = b.allowLoopback;
        this.userAgent = b.userAgent;
    }

    /** A builder; the host allowlist is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public byte[] fetch(URI uri, long maxBytes) {
        HttpWire.Target target = check(uri);
        return HttpWire.get(target, maxBytes, connectTimeout, totalTimeout, userAgent);
    }

    /** Applies every URI, host and address check; returns where to connect. */
    HttpWire.Target check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("not an http(s) URI: " + uri);
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw refused("http URI has no host: " + uri);
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            throw refused("http URI must not carry user info: " + uri);
        }
        String host = hostOf(uri);
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        InetAddress address = resolveChecked(host);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new HttpWire.Target(scheme.equals("https"), host, address, port, path);
    }

    private String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI leaves the host null for forms like 2130706433 or 0x7f.1: read the authority
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            host = colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            if (host.contains("%")) {
                throw refused("IPv6 zone identifiers are not allowed: " + host);
            }
            return host;
        }
        if (host.isEmpty() || host.contains("%")) {
            throw refused("invalid host '" + host + "'");
        }
        if (HostLiterals.looksNumeric(host) && !HostLiterals.isCanonicalDottedQuad(host)) {
            byte[] parsed = HostLiterals.parseInetAton(host);
            String meaning = parsed == null
                    ? "an invalid IPv4 address"
                    : (parsed[0] & 0xFF) + "." + (parsed[1] & 0xFF) + "." + (parsed[2] & 0xFF) + "."
                            + (parsed[3] & 0xFF);
            throw refused("numeric host '" + host + "' (= " + meaning + ") is not in dotted-quad form");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            if (!allowLoopback) {
                throw refused("host '" + host + "' is loopback");
            }
        }
        return host;
    }

    private InetAddress resolveChecked(String host) {
        if (!isAllowed(host)) {
            throw refused("host '" + host + "' is not in the allowlist");
        }
        String lookup = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(lookup);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, "host '" + host + "' does not resolve", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, "host '" + host + "' has no addresses");
        }
        if (host.startsWith("[") && addresses[0] instanceof java.net.Inet4Address) {
            throw refused("IPv4-mapped IPv6 address " + host + " is not allowed");
        }
        for (InetAddress a : addresses) {
            String why = AddressGuard.whyRefused(a, allowLoopback);
            if (why != null) {
                throw refused("host '" + host + "' resolves to " + a.getHostAddress() + ": " + why);
            }
        }
        return addresses[0];
    }

    private boolean isAllowed(String host) {
        if (allowedHosts.contains(host)) {
            return true;
        }
        for (String pattern : allowedHosts) {
            if (pattern.startsWith("*.")
                    && host.endsWith(pattern.substring(1))
                    && host.length() > pattern.length() - 1) {
                return true;
            }
        }
        return false;
    }

    private static FetchException refused(String message) {
        return new FetchException(FetchException.Kind.REFUSED, message);
    }

    /** Builder: {@code setAllowedHosts} is required. */
    public static final class Builder {
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration totalTimeout = Duration.ofSeconds(30);
        private HostResolver resolver = HostResolver.SYSTEM;
        private boolean allowLoopback;
        private String userAgent = "simclr-augment/1";

        private Builder() {}

        /** Required: exact host names, or {@code *.example.com} for any subdomain of example.com. */
        public Builder setAllowedHosts(Collection<String> hosts) {
            allowedHosts.clear();
            for (String h : hosts) {
                String host = h.trim().toLowerCase(Locale.ROOT);
                if (host.isEmpty() || host.equals("*") || host.equals("*.")) {
                    throw new IllegalArgumentException("invalid allowlist entry '" + h + "'");
                }
                allowedHosts.add(host);
            }
            return this;
        }

        /** Connect time limit (default 5 s). */
        public Builder optConnectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** Limit for the whole request, connect to last byte (default 30 s). */
        public Builder optTotalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "total timeout");
            return this;
        }

        /** Host resolver (default: the system resolver). */
        public Builder optResolver(HostResolver resolver) {
            if (resolver == null) {
                throw new IllegalArgumentException("resolver must not be null");
            }
            this.resolver = resolver;
            return this;
        }

        /** Allow loopback targets: only for local development and tests against a local server. Default false. */
        public Builder optAllowLoopback(boolean allow) {
            this.allowLoopback = allow;
            return this;
        }

        /** User-Agent header (default {@code simclr-augment/1}). */
        public Builder optUserAgent(String userAgent) {
            if (userAgent == null || userAgent.isBlank() || userAgent.matches(".*[\\r\\n].*")) {
                throw new IllegalArgumentException("invalid user agent");
            }
            this.userAgent = userAgent;
            return this;
        }

        /** The fetcher; fails if the allowlist is empty. */
        public HttpFetcher build() {
            if (allowedHosts.isEmpty()) {
                throw new IllegalStateException("an http(s) host allowlist is required (setAllowedHosts)");
            }
            return new HttpFetcher(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
