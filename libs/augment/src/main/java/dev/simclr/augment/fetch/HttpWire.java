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
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 GET over a socket connected to an already-checked address (java.net.http would resolve the host
 * again); TLS verifies the certificate against the host name. Every read is bounded by the remaining time; the response
 * is parsed by {@link HttpResponseReader}.
 */
final class HttpWire {

    /** Where and what to fetch: the checked address, and the host name for Host/SNI/certificate checks. */
    record Target(boolean https, String host, InetAddress address, int port, String pathAndQuery) {}

    private HttpWire() {}

    static byte[] get(Target t, long maxBytes, Duration connectTimeout, Duration totalTimeout, String userAgent) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        String where = (t.https() ? "https://" : "http://") + t.host() + ":" + t.port() + t.pathAndQuery();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(t.address(), t.port()), (int)
                    Math.min(connectTimeout.toMillis(), Math.max(1, remainingMillis(deadline, where))));
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
            return HttpResponseReader.read(in, maxBytes, where);
        } catch (SocketTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, where + " timed out (" + e.getMessage() + ")", e);
        } catch (SSLException e) {
            throw new FetchException(FetchException.Kind.FAILED, where + ": TLS failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException(
                    FetchException.Kind.FAILED,
                    where + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
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

    static long remainingMillis(long deadline, String where) {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new FetchException(FetchException.Kind.TIMEOUT, where + " took longer than the total time limit");
        }
        return ms;
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
