package dev.simclr.augment.fetch;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dispatches a URI to the fetcher registered for its scheme. http and https are refused with a reason unless an
 * {@link HttpFetcher} was registered; any other unregistered scheme is UNSUPPORTED_SCHEME. Thread-safe once built.
 *
 * <pre>{@code
 * Fetchers fetchers = Fetchers.builder()
 *         .optFiles(FileFetcher.underRoots(List.of(Path.of("/data/images"))))
 *         .opt("s3", s3Fetcher)
 *         .build();
 * byte[] bytes = fetchers.fetch(URI.create("file:///data/images/a.jpg"), 32 << 20);
 * }</pre>
 */
public final class Fetchers implements ImageFetcher {

    private final Map<String, ImageFetcher> byScheme;

    private Fetchers(Map<String, ImageFetcher> byScheme) {
        this.byScheme = Map.copyOf(byScheme);
    }

    /** An empty registry builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registered schemes (lower case). */
    public java.util.Set<String> schemes() {
        return new java.util.TreeSet<>(byScheme.keySet());
    }

    @Override
    public byte[] fetch(URI uri, long maxBytes) {
        if (uri == null) {
            throw new FetchException(FetchException.Kind.UNSUPPORTED_SCHEME, "no URI given");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be ≥ 1, got " + maxBytes);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new FetchException(FetchException.Kind.UNSUPPORTED_SCHEME, "URI has no scheme: " + uri);
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        ImageFetcher fetcher = byScheme.get(s);
        if (fetcher != null) {
            return fetcher.fetch(uri, maxBytes);
        }
        if (s.equals("http") || s.equals("https")) {
            throw new FetchException(
                    FetchException.Kind.REFUSED, s + " fetching is disabled (no host allowlist configured): " + uri);
        }
        throw new FetchException(
                FetchException.Kind.UNSUPPORTED_SCHEME,
                "scheme '" + s + "' is not supported (enabled: " + String.join(", ", schemes()) + "): " + uri);
    }

    /** Builder. */
    public static final class Builder {
        private final Map<String, ImageFetcher> byScheme = new LinkedHashMap<>();

        private Builder() {}

        /** Registers {@code file}. */
        public Builder optFiles(FileFetcher files) {
            return opt("file", files);
        }

        /** Registers {@code http} and {@code https}. */
        public Builder optHttp(HttpFetcher http) {
            opt("http", http);
            return opt("https", http);
        }

        /** Registers a fetcher for any scheme (e.g. {@code s3}); a later registration replaces an earlier one. */
        public Builder opt(String scheme, ImageFetcher fetcher) {
            if (scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") || fetcher == null) {
                throw new IllegalArgumentException("invalid scheme registration: " + scheme);
            }
            byScheme.put(scheme.toLowerCase(Locale.ROOT), fetcher);
            return this;
        }

        /** The registry. */
        public Fetchers build() {
            return new Fetchers(byScheme);
        }
    }
}
