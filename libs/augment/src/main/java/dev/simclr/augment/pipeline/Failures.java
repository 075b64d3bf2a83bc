package dev.simclr.augment.pipeline;

import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.contracts.DeadLetter.Reason;

/**
 * Maps fetch and decode failure kinds to dead-letter reasons. {@link FetchException.Kind#UNAVAILABLE} has no reason: it
 * is an infrastructure failure, retried, never dead-lettered.
 *
 * <table>
 *   <caption>failure kind → dead-letter reason</caption>
 *   <tr><th>kind</th><th>reason</th></tr>
 *   <tr><td>fetch REFUSED</td><td>refused-uri</td></tr>
 *   <tr><td>fetch UNSUPPORTED_SCHEME</td><td>unsupported-uri</td></tr>
 *   <tr><td>fetch NOT_FOUND</td><td>not-found</td></tr>
 *   <tr><td>fetch TOO_LARGE, decode TOO_LARGE</td><td>too-large</td></tr>
 *   <tr><td>fetch TIMEOUT, decode TIMEOUT</td><td>timeout</td></tr>
 *   <tr><td>fetch FAILED</td><td>fetch-failed</td></tr>
 *   <tr><td>decode EMPTY, UNSUPPORTED_FORMAT, TRUNCATED, CORRUPT</td><td>undecodable</td></tr>
 * </table>
 */
public final class Failures {

    private Failures() {}

    /** The dead-letter reason of a fetch failure, or null for {@code UNAVAILABLE} (retry instead). */
    public static Reason reasonOf(FetchException.Kind kind) {
        return switch (kind) {
            case REFUSED -> Reason.REFUSED_URI;
            case UNSUPPORTED_SCHEME -> Reason.UNSUPPORTED_URI;
            case NOT_FOUND -> Reason.NOT_FOUND;
            case TOO_LARGE -> Reason.TOO_LARGE;
            case TIMEOUT -> Reason.TIMEOUT;
            case FAILED -> Reason.FETCH_FAILED;
            case UNAVAILABLE -> null;
        };
    }

    /** The dead-letter reason of a decode failure. */
    public static Reason reasonOf(DecodeException.Kind kind) {
        return switch (kind) {
            case EMPTY, UNSUPPORTED_FORMAT, TRUNCATED, CORRUPT -> Reason.UNDECODABLE;
            case TOO_LARGE -> Reason.TOO_LARGE;
            case TIMEOUT -> Reason.TIMEOUT;
        };
    }
}
