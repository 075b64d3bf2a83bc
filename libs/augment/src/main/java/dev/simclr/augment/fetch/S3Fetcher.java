package dev.simclr.augment.fetch;

import dev.simclr.objectstore.AccessDeniedException;
import dev.simclr.objectstore.BucketNotFoundException;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreException;
import dev.simclr.objectstore.ObjectStoreUnavailableException;
import dev.simclr.objectstore.ObjectTooLargeException;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Reads {@code s3://bucket/key} URIs through {@link ObjectStore#get(S3Uri, long)} (size checked before and while
 * downloading). The key is the URI text after the bucket, taken literally as the AWS CLI does (no percent-decoding).
 * Failures map to {@link FetchException} kinds:
 *
 * <ul>
 *   <li>object or bucket missing: {@code NOT_FOUND};
 *   <li>object over {@code maxBytes}: {@code TOO_LARGE};
 *   <li>access denied (bad credentials or permissions): {@code FAILED}, the reason names the S3 code and the credential
 *       variables (a per-object denial must not stall the stream, so this is not retried);
 *   <li>malformed URI, bucket root or prefix ({@code s3://b/dir/}): {@code REFUSED};
 *   <li>network errors, 5xx answers and throttling left after the store's own retries: {@code UNAVAILABLE} (the store
 *       is down, the image may be fine: retry later);
 *   <li>any other S3 error answer (e.g. {@code InvalidObjectState} for an archived object): {@code FAILED}.
 * </ul>
 */
public final class S3Fetcher implements ImageFetcher {

    /** The one object-store operation this fetcher needs; {@link ObjectStore#get} in production, a fake in tests. */
    @FunctionalInterface
    public interface Source {
        /** Reads a whole object of at most {@code maxBytes}; throws the object store's typed exceptions. */
        byte[] get(S3Uri uri, long maxBytes);
    }

    /** 5xx or 429 in the store's failure text ({@code "S3 error X (HTTP 503)"}, {@code "server answered HTTP 500"}). */
    private static final Pattern TRANSIENT_STATUS = Pattern.compile("HTTP (5\\d\\d|429)\\b");

    private static final Pattern TRANSIENT_CODE =
            Pattern.compile("\\b(SlowDown|InternalError|ServiceUnavailable|RequestTimeout|Throttling)\\b");

    private final Source source;

    private S3Fetcher(Source source) {
        this.source = source;
    }

    /** A fetcher reading through {@code store} (not closed by this fetcher). */
    public static S3Fetcher of(ObjectStore store) {
        if (store == null) {
            throw new IllegalArgumentException("object store must not be null");
        }
        return new S3Fetcher(store::get);
    }

    /** A fetcher reading through any {@link Source}. */
    public static S3Fetcher of(Source source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        return new S3Fetcher(source);
    }

    @Override
    public byte[] fetch(URI uri, long maxBytes) {
        S3Uri s3 = parse(uri);
        long limit = Math.min(Math.max(maxBytes, 0), ObjectStore.MAX_GET_BYTES);
        try {
            return source.get(s3, limit);
        } catch (ObjectNotFoundException | BucketNotFoundException e) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, e.getMessage(), e);
        } catch (ObjectTooLargeException e) {
            throw new FetchException(FetchException.Kind.TOO_LARGE, e.getMessage(), e);
        } catch (AccessDeniedException e) {
            throw new FetchException(FetchException.Kind.FAILED, e.getMessage(), e);
        } catch (ObjectStoreException e) {
            FetchException.Kind kind = isUnavailable(e) ? FetchException.Kind.UNAVAILABLE : FetchException.Kind.FAILED;
            throw new FetchException(kind, e.getMessage(), e);
        }
    }

    /** The object URI, or REFUSED with the reason. */
    static S3Uri parse(URI uri) {
        if (uri == null || !"s3".equalsIgnoreCase(uri.getScheme())) {
            throw new FetchException(FetchException.Kind.UNSUPPORTED_SCHEME, "not an s3:// URI: " + uri);
        }
        String text = uri.toString();
        S3Uri s3;
        try {
            s3 = S3Uri.parse("s3://" + text.substring(text.indexOf("://") + 3));
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.REFUSED, e.getMessage(), e);
        }
        if (s3.isPrefix()) {
            throw new FetchException(FetchException.Kind.REFUSED, uri + " names a bucket or prefix, not an object");
        }
        return s3;
    }

    /**
     * True when the failure says the store is unreachable or overloaded rather than that this object is bad: a network
     * error in the cause chain, or a 5xx/429 status or throttling code in the store's reason (the object store reports
     * these after its own retries).
     */
    static boolean isUnavailable(ObjectStoreException e) {
        if (e instanceof ObjectStoreUnavailableException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        return TRANSIENT_STATUS.matcher(m).find() || TRANSIENT_CODE.matcher(m).find();
    }
}
