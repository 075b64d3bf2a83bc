package dev.simclr.launcher.report;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import dev.simclr.launcher.stack.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the evaluator says its metrics are ({@code GET /api/metrics}, {@link MetricDescription}): the CLI labels,
 * formats and ranks values with it instead of knowing any metric. A name it does not describe (the evaluator is
 * unreachable, or a newer metric) is shown under its name with 4 decimals. {@link #remote} asks the evaluator when
 * first needed and again (at most every 10 s) until it answers.
 */
public final class MetricCatalog {

    private static final Duration RETRY = Duration.ofSeconds(10);

    private final Supplier<Optional<List<MetricDescription>>> source;
    private Map<String, MetricDescription> byName;
    private long lastTry = Long.MIN_VALUE;

    private MetricCatalog(Supplier<Optional<List<MetricDescription>>> source) {
        this.source = source;
    }

    /** A catalog of fixed descriptions. */
    public static MetricCatalog of(List<MetricDescription> descriptions) {
        return new MetricCatalog(() -> Optional.of(descriptions));
    }

    /** A catalog that describes nothing: every metric is shown under its name. */
    public static MetricCatalog none() {
        return of(List.of());
    }

    /** The descriptions of the evaluator at {@code evaluatorUrl} (e.g. {@code http://localhost:8083}). */
    public static MetricCatalog remote(String evaluatorUrl) {
        String url = evaluatorUrl.replaceAll("/+$", "") + "/api/metrics";
        return new MetricCatalog(() -> Http.get(url, Duration.ofSeconds(3))
                .filter(r -> r.status() == 200)
                .flatMap(r -> {
                    try {
                        return Optional.of(
                                MetricDescription.listFromJson(r.body().getBytes(StandardCharsets.UTF_8)));
                    } catch (ContractException e) {
                        return Optional.empty();
                    }
                }));
    }

    /** True when the evaluator described {@code name} (else {@link #describe} makes a plain description up). */
    public boolean knows(String name) {
        describe(name);
        synchronized (this) {
            return byName != null && byName.containsKey(name);
        }
    }

    /** The description of {@code name}; a plain one ({@code name}, a number, 4 decimals) when unknown. */
    public synchronized MetricDescription describe(String name) {
        if (byName == null && (lastTry == Long.MIN_VALUE || System.nanoTime() - lastTry > RETRY.toNanos())) {
            lastTry = System.nanoTime();
            source.get().ifPresent(list -> {
                Map<String, MetricDescription> m = new LinkedHashMap<>();
                list.forEach(d -> m.put(d.name(), d));
                byName = m;
            });
        }
        MetricDescription d = byName == null ? null : byName.get(name);
        return d != null
                ? d
                : MetricDescription.builder()
                        .setName(name)
                        .setLabel(name)
                        .setDescription("metric " + name + " (not described by the evaluator)")
                        .setUnit(Unit.NUMBER)
                        .optDecimals(4)
                        .setDirection(Direction.HIGHER)
                        .optNeedsLabels(true)
                        .optSummaryLabel(name)
                        .build();
    }
}
