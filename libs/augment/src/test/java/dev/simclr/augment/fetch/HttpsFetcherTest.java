package dev.simclr.augment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is verified: a local HTTPS server with a self-signed certificate is not trusted. */
class HttpsFetcherTest {

    @TempDir
    Path tmp;

    @Test
    void untrustedCertificatesFailTheFetch() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=images.test",
                        "-ext",
                        "SAN=dns:images.test",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        AtomicInteger served = new AtomicInteger();
        server.createContext("/a.png", ex -> {
            served.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            HttpFetcher f = HttpFetcher.builder()
                    .setAllowedHosts(List.of("images.test"))
                    .optAllowLoopback(true)
                    .optTotalTimeout(Duration.ofSeconds(5))
                    .optResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()})
                    .build();
            URI uri = URI.create("https://images.test:" + server.getAddress().getPort() + "/a.png");
            FetchException e = null;
            try {
                f.fetch(uri, 1000);
            } catch (FetchException caught) {
                e = caught;
            }
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(FetchException.Kind.FAILED);
            assertThat(e.getMessage()).contains("TLS failed");
            assertThat(served.get()).isZero();
        } finally {
            server.stop(0);
        }
    }
}
