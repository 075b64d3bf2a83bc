package dev.simclr.trainer.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The consumer's own fetch and poll metrics of one path, read from the live {@link Metric} objects (thread-safe, unlike
 * {@code KafkaConsumer.metrics()} while another thread polls): how long fetches take, how big they are, and how much of
 * the polling thread's time passes inside and outside {@code poll}.
 */
final class FetchMetrics {

    private static final List<String> NAMES = List.of(
            "fetch-latency-avg",
            "fetch-size-avg",
            "records-per-request-avg",
            "fetch-total",
            "time-between-poll-avg",
            "poll-idle-ratio-avg",
            "io-wait-ratio",
            "io-ratio");

    private final Map<String, Metric> metrics = new TreeMap<>();

    /** Picks the metrics out of {@code consumer.metrics()}, called before the consumer is handed over. */
    FetchMetrics(Map<MetricName, ? extends Metric> all) {
        all.forEach((name, metric) -> {
            if (NAMES.contains(name.name())
                    && (name.group().equals("consumer-fetch-manager-metrics")
                            || name.group().equals("consumer-metrics"))
                    && !name.tags().containsKey("topic")) {
                metrics.put(name.name(), metric);
            }
        });
    }

    /** One line: name=value for each metric. */
    String line() {
        StringBuilder b = new StringBuilder();
        for (String n : NAMES) {
            Metric m = metrics.get(n);
            if (m != null && m.metricValue() instanceof Number v) {
                b.append(n)
                        .append('=')
                        .append(String.format("%.3f", v.doubleValue()))
                        .append(' ');
            }
        }
        return b.toString().trim();
    }
}
