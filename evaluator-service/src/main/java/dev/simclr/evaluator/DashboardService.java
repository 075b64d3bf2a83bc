package dev.simclr.evaluator;

import dev.simclr.evaluator.dashboard.ProgressHistory;
import dev.simclr.evaluator.dashboard.ViewSampler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;

/**
 * The dashboard's state besides the evaluation artefacts: the in-memory progress history (fed by
 * {@link ProgressConsumer}) and the view-pair sampler, whose result is reused for {@code
 * samples-cache} so that many open dashboards cost one short-lived consumer at a time.
 */
@ApplicationScoped
public class DashboardService {

  /** Kafka settings the sampler fixes; {@code kafka.*} overrides of them are ignored. */
  private static final Set<String> FIXED = Set.of("bootstrap.servers", "group.id", "isolation.level",
      "enable.auto.commit", "key.deserializer", "value.deserializer", "allow.auto.create.topics");

  @Inject
  EvaluatorConfig config;

  @Inject
  Config allConfig;

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
    if (cached == null || cachedN != n || now - cachedAt > config.samplesCache().toNanos()) {
      cached = sampler.sample(n);
      cachedN = n;
      cachedAt = System.nanoTime();
    }
    return cached;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> p = new HashMap<>();
    for (String name : allConfig.getPropertyNames()) {
      if (name.startsWith("kafka.") && !FIXED.contains(name.substring(6))) {
        allConfig.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring(6), v));
      }
    }
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, allConfig.getValue("kafka.bootstrap.servers", String.class));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "simclr-evaluator-view-sampler");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
