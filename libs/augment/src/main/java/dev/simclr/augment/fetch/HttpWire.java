package dev.simclr.augment.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 GET over a socket connected to an already-checked address (java.net.http
 * would resolve the host again). Handles Content-Length, chunked and read-to-close bodies; status
 * 200 only; redirects are refused, never followed. Every read is bounded by the remaining time.
 */
final class HttpWire {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    /** Where and what to fetch: the checked address, and the host name for Host/SNI/certificate checks. */
    record Target(boolean https, String host, InetAddress address, int port, String pathAndQuery) {
    }

    private HttpWire() {
    }

    static byte[] get(Target t, long maxBytes, Duration connectTimeout, Duration totalTimeout, String userAgent) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        String where = (t.https() ? "https://" : "http://") + t.host() + ":" + t.port() + t.pathAndQuery();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(t.address(), t.port()), (int) Math.min(connectTimeout.toMillis(),
                    Math.max(1, remainingMillis(deadline, where))));
            Socket socket = t.https() ? tls(raw, t, deadline, where) : raw;
            OutputStream out = socket.getOutputStream();
            boolean defaultPort = t.port() == (t.https() ? 443 : 80);
            String request = "GET " + t.pathAndQuery() + " HTTP/1.1\r\n"
                    + "Host: " + t.host() + (defaultPort ? "" : ":" + t.port()) + "\r\n"
                    + "User-Agent: " + userAgent + "\r\n"
                    + "Accept: image/*\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline, where), 1 << 16);
            return readResponse(in, maxBytes, where);
        } catch (SocketTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, where + " timed out (" + e.getMessage() + ")", e);
        } catch (SSLException e) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": TLS failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static Socket tls(Socket raw, Target t, long deadline, String where) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS context", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, t.host(), t.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!t.host().startsWith("[") && !HostLiterals.isCanonicalDottedQuad(t.host())) {
            params.setServerNames(List.of(new SNIHostName(t.host())));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) Math.max(1, remainingMillis(deadline, where)));
        ssl.startHandshake();
        return ssl;
    }

    static byte[] readResponse(InputStream in, long maxBytes, String where) throws IOException {
        maxBytes = Math.min(maxBytes, BoundedRead.MAX_ARRAY);
        String status = readLine(in, where);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": not an HTTP/1.x response: " + abbreviate(status));
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
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                case "content-encoding" -> encoding = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        if (code >= 300 && code < 400) {
            throw new FetchException(FetchException.Kind.REFUSED, where + ": redirect " + code + " to "
                    + (location == null ? "(no location)" : abbreviate(location)) + " not followed");
        }
        if (code == 404 || code == 410) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, where + ": HTTP " + code);
        }
        if (code != 200) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": HTTP " + code
                    + (parts.length > 2 ? " " + abbreviate(parts[2]) : ""));
        }
        if (encoding != null && !encoding.equals("identity")) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": unsupported content encoding '" + encoding + "'");
        }
        if (chunked) {
            return readChunked(in, maxBytes, where);
        }
        if (contentLength >= 0) {
            if (contentLength > maxBytes) {
                throw new FetchException(FetchException.Kind.TOO_LARGE, where + " declares " + contentLength
                        + " bytes, over the limit of " + maxBytes);
            }
            byte[] body = in.readNBytes((int) contentLength);
            if (body.length < contentLength) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": connection closed after "
                        + body.length + " of " + contentLength + " bytes");
            }
            return body;
        }
        return BoundedRead.readAll(in, maxBytes, where);
    }

    private static byte[] readChunked(InputStream in, long maxBytes, String where) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long total = 0;
        while (true) {
            String line = readLine(in, where);
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": bad chunk size '" + abbreviate(hex) + "'");
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
                throw new FetchException(FetchException.Kind.TOO_LARGE, where + " is larger than the limit of " + maxBytes + " bytes");
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
            throw new FetchException(FetchException.Kind.FAILED, where + ": bad Content-Length '" + abbreviate(value) + "'");
        }
    }

    private static String readLine(InputStream in, String where) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": connection closed in the response head");
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new FetchException(FetchException.Kind.FAILED, where + ": response line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) b);
        }
    }

    static long remainingMillis(long deadline, String where) {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new FetchException(FetchException.Kind.TIMEOUT, where + " took longer than the total time limit");
        }
        return ms;
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }

    /** Sets the socket timeout to the remaining time before every read and fails once the deadline passes. */
    private static final class DeadlineInputStream extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final String where;

        DeadlineInputStream(Socket socket, long deadline, String where) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis(deadline, where)));
            int n = in.read(b, off, len);
            remainingMillis(deadline, where);
            return n;
        }
    }
}
