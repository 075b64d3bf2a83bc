package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire side against a local server on 127.0.0.1 (loopback allowed explicitly, as only tests may). */
class HttpFetcherTest {

    private HttpServer server;
    private int port;
    private final Map<String, String> hostHeaders = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final AtomicInteger secretHits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/ok.png", ex -> {
            hostHeaders.put("ok", ex.getRequestHeaders().getFirst("Host"));
            byte[] body = "PNGDATA".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                }
            }
        });
        server.createContext("/huge", ex -> {
            ex.sendResponseHeaders(200, 50_000_000L);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/secret");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/secret", ex -> {
            secretHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/boom", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private HttpFetcher fetcher(Duration total) {
        return HttpFetcher.builder()
                .setAllowedHosts(List.of("images.test"))
                .optAllowLoopback(true)
                .optTotalTimeout(total)
                .optConnectTimeout(Duration.ofSeconds(2))
                .optResolver(host -> {
                    resolutions.incrementAndGet();
                    return new InetAddress[] {InetAddress.getLoopbackAddress()};
                })
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://images.test:" + port + path);
    }

    private static FetchException failure(HttpFetcher f, URI uri, long max) {
        try {
            f.fetch(uri, max);
        } catch (FetchException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return e;
        }
        throw new AssertionError("fetch succeeded: " + uri);
    }

    @Test
    void fetchesFromTheCheckedAddressWithTheRightHostHeaderResolvingOnce() {
        byte[] body = fetcher(Duration.ofSeconds(5)).fetch(uri("/ok.png"), 1000);
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("PNGDATA");
        assertThat(hostHeaders.get("ok")).isEqualTo("images.test:" + port);
        assertThat(resolutions.get()).isEqualTo(1);
    }

    @Test
    void readsChunkedBodiesAndLimitsThemWhileStreaming() {
        HttpFetcher f = fetcher(Duration.ofSeconds(5));
        assertThat(f.fetch(uri("/chunked"), 10_000)).hasSize(10_000);
        FetchException e = failure(f, uri("/chunked"), 9_999);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitBeforeReading() {
        FetchException e = failure(fetcher(Duration.ofSeconds(5)), uri("/huge"), 1 << 20);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("declares 50000000 bytes");
    }

    @Test
    void doesNotFollowRedirects() {
        FetchException e = failure(fetcher(Duration.ofSeconds(5)), uri("/redirect"), 1000);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(e.getMessage()).contains("redirect 302").contains("not followed");
        assertThat(secretHits.get()).isZero();
    }

    @Test
    void mapsStatusCodes() {
        HttpFetcher f = fetcher(Duration.ofSeconds(5));
        assertThat(failure(f, uri("/missing"), 1000).kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        assertThat(failure(f, uri("/boom"), 1000).kind()).isEqualTo(FetchException.Kind.FAILED);
    }

    @Test
    void slowServersHitTheTotalTimeLimit() {
        long t = System.nanoTime();
        FetchException e = failure(fetcher(Duration.ofMillis(300)), uri("/slow"), 1000);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
        assertThat((System.nanoTime() - t) / 1e6).isLessThan(1400);
    }

    @Test
    void loopbackStaysRefusedUnlessExplicitlyAllowed() {
        HttpFetcher strict = HttpFetcher.builder()
                .setAllowedHosts(List.of("images.test"))
                .optResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()})
                .build();
        FetchException e = failure(strict, uri("/ok.png"), 1000);
        assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED);
        assertThat(hostHeaders).isEmpty();
    }

    @Test
    void malformedResponsesFail() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client closes first
                }
            });
            t.start();
            FetchException e = failure(
                    fetcher(Duration.ofSeconds(5)), URI.create("http://images.test:" + raw.getLocalPort() + "/"), 1000);
            assertThat(e.kind()).isEqualTo(FetchException.Kind.FAILED);
            assertThat(e.getMessage()).contains("not an HTTP/1.x response");
            t.join(2000);
        }
    }
}
