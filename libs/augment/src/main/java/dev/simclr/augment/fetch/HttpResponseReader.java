package dev.simclr.augment.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Parses an HTTP/1.x response: status 200 only (3xx refused and never followed, 404/410 not found), identity encoding,
 * Content-Length (refused up front when over the limit), chunked or read-to-close bodies limited while streaming;
 * header lines and counts are bounded.
 */
final class HttpResponseReader {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private HttpResponseReader() {}

    static byte[] read(InputStream in, long maxBytes, String where) throws IOException {
        maxBytes = Math.min(maxBytes, BoundedRead.MAX_ARRAY);
        String status = readLine(in, where);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new FetchException(
                    FetchException.Kind.FAILED, where + ": not an HTTP/1.x response: " + abbreviate(status));
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": bad status line: " + abbreviate(status));
        }
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        String encoding = null;
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": more than " + MAX_HEADERS + " headers");
            }
            String line = readLine(in, where);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": malformed header: " + abbreviate(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value, where);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                case "content-encoding" -> encoding = value.toLowerCase(Locale.ROOT);
                default -> {}
            }
        }
        if (code >= 300 && code < 400) {
            throw new FetchException(
                    FetchException.Kind.REFUSED,
                    where + ": redirect " + code + " to " + (location == null ? "(no location)" : abbreviate(location))
                            + " not followed");
        }
        if (code == 404 || code == 410) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, where + ": HTTP " + code);
        }
        if (code != 200) {
            throw new FetchException(
                    FetchException.Kind.FAILED,
                    where + ": HTTP " + code + (parts.length > 2 ? " " + abbreviate(parts[2]) : ""));
        }
        if (encoding != null && !encoding.equals("identity")) {
            throw new FetchException(
                    FetchException.Kind.FAILED, where + ": unsupported content encoding '" + encoding + "'");
        }
        if (chunked) {
            return readChunked(in, maxBytes, where);
        }
        if (contentLength >= 0) {
            if (contentLength > maxBytes) {
                throw new FetchException(
                        FetchException.Kind.TOO_LARGE,
                        where + " declares " + contentLength + " bytes, over the limit of " + maxBytes);
            }
            byte[] body = in.readNBytes((int) contentLength);
            if (body.length < contentLength) {
                throw new FetchException(
                        FetchException.Kind.FAILED,
                        where + ": connection closed after " + body.length + " of " + contentLength + " bytes");
            }
            return body;
        }
        return BoundedRead.readAll(in, maxBytes, where);
    }

    private static byte[] readChunked(InputStream in, long maxBytes, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long total = 0;
        while (true) {
            String line = readLine(in, where);
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchException(
                        FetchException.Kind.FAILED, where + ": bad chunk size '" + abbreviate(hex) + "'");
            }
            if (size < 0) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": negative chunk size");
            }
            if (size == 0) {
                while (!readLine(in, where).isEmpty()) {
                    // trailers are ignored
                }
                return out.toByteArray();
            }
            total += size;
            if (total > maxBytes) {
                throw new FetchException(
                        FetchException.Kind.TOO_LARGE, where + " is larger than the limit of " + maxBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": connection closed inside a chunk");
            }
            out.write(chunk);
            if (!readLine(in, where).isEmpty()) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": chunk not followed by CRLF");
            }
        }
    }

    private static long parseLength(String value, String where) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new FetchException(
                    FetchException.Kind.FAILED, where + ": bad Content-Length '" + abbreviate(value) + "'");
        }
    }

    private static String readLine(InputStream in, String where) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new FetchException(
                        FetchException.Kind.FAILED, where + ": connection closed in the response head");
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new FetchException(
                        FetchException.Kind.FAILED, where + ": response line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) b);
        }
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }
}
