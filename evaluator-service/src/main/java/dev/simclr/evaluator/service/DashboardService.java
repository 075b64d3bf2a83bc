package dev.simclr.evaluator.service;

import dev.simclr.evaluator.config.EvaluatorConfig;
import dev.simclr.evaluator.dashboard.ProgressHistory;
import dev.simclr.evaluator.dashboard.ViewSampler;
import dev.simclr.kafka.KafkaSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The dashboard's state besides the evaluation artefacts: the in-memory progress history (fed by
 * {@link ProgressConsumer}) and the view-pair sampler, whose result is reused for {@code samples-cache} so that many
 * open dashboards cost one short-lived consumer at a time.
 */
@ApplicationScoped
public class DashboardService {

    @Inject
    EvaluatorConfig config;

    @Inject
    KafkaSettings kafka;

    private ProgressHistory history;
    private ViewSampler sampler;
    private ViewSampler.Result cached;
    private int cachedN;
    private long cachedAt;

    @PostConstruct
    void init() {
        history = new ProgressHistory(config.progressPoints(), config.progressRuns());
        sampler = new ViewSampler(this::consumer, config.viewsTopic(), config.samplesTimeout());
    }

    /** The progress history. */
    public ProgressHistory history() {
        return history;
    }

    /** The views topic sampled. */
    public String viewsTopic() {
        return config.viewsTopic();
    }

    /** The newest {@code n} view pairs (reused for {@code samples-cache}; one read at a time). */
    public synchronized ViewSampler.Result samples(int n) {
        long now = System.nanoTime();
        if (cached == null
                || cachedN != n
                || now - cachedAt > config.samplesCache().toNanos()) {
            cached = sampler.sample(n);
            cachedN = n;
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(kafka.forClient(KafkaClientSettings.viewSampler()));
    }
}
