package dev.simclr.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Unit;
import dev.simclr.evaluation.MetricRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    @Test
    void readsTheEvaluatorsDescriptionsOnce() throws Exception {
        byte[] body = MetricDescription.listToJson(MetricRegistry.standard().descriptions())
                .getBytes(StandardCharsets.UTF_8);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/metrics", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            MetricCatalog catalog = MetricCatalog.remote(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(catalog.describe("knn_top1").summaryLabel()).isEqualTo("kNN");
            assertThat(catalog.knows("alignment")).isTrue();
            assertThat(catalog.knows("class0_share")).isFalse();
            assertThat(catalog.describe("class0_share").label()).isEqualTo("class0_share");
            assertThat(requests).as("asked once").hasValue(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableEvaluatorLeavesMetricsNamed() {
        MetricCatalog catalog = MetricCatalog.remote("http://127.0.0.1:9");
        MetricDescription d = catalog.describe("linear_top1");
        assertThat(d.label()).isEqualTo("linear_top1");
        assertThat(d.unit()).isEqualTo(Unit.NUMBER);
        assertThat(d.format(0.84123)).isEqualTo("0.8412");
        assertThat(catalog.knows("linear_top1")).isFalse();
    }
}
