package dev.simclr.evaluator;

import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.evaluator.pipeline.EvaluationQueue;
import dev.simclr.evaluator.pipeline.EvaluationWorker;
import dev.simclr.evaluator.pipeline.PendingCheckpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Micrometer meters (Prometheus at {@code /q/metrics}): {@code simclr_evaluator_evaluations_total},
 * {@code simclr_evaluator_skipped_total{reason}}, {@code simclr_evaluator_failures_total{reason}},
 * {@code simclr_evaluator_duration_seconds{phase}}, {@code simclr_evaluator_linear_top1{run}},
 * {@code simclr_evaluator_knn_top1{run}}, {@code simclr_evaluator_last_step{run}}, {@code
 * simclr_evaluator_pending}.
 */
@ApplicationScoped
public class EvaluatorMetrics implements EvaluationWorker.Observer {

  private static final Logger LOG = Logger.getLogger(EvaluatorMetrics.class);

  @Inject
  MeterRegistry registry;

  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  /** Registers the queue-size gauge. */
  void bind(EvaluationQueue queue) {
    Gauge.builder("simclr.evaluator.pending", queue, EvaluationQueue::pending)
        .description("checkpoint events waiting for the worker").register(registry);
  }

  @Override
  public void evaluated(EvalResult result) {
    registry.counter("simclr.evaluator.evaluations").increment();
    result.timingsMs().forEach((phase, ms) -> Timer.builder("simclr.evaluator.duration").tag("phase", phase)
        .description("evaluation phase durations").register(registry).record(ms, TimeUnit.MILLISECONDS));
    gauge("simclr.evaluator.linear.top1", result.runId()).set(Double.doubleToLongBits(result.linearTop1()));
    gauge("simclr.evaluator.knn.top1", result.runId()).set(Double.doubleToLongBits(result.knnTop1()));
    gauge("simclr.evaluator.last.step", result.runId()).set(Double.doubleToLongBits(result.step()));
    if (result.alignment() != null) {
      gauge("simclr.evaluator.alignment", result.runId()).set(Double.doubleToLongBits(result.alignment()));
      gauge("simclr.evaluator.uniformity", result.runId()).set(Double.doubleToLongBits(result.uniformity()));
    }
  }

  @Override
  public void failed(PendingCheckpoint event, Reason reason, String message) {
    failed(reason);
  }

  /** Counts one dead-lettered event. */
  public void failed(Reason reason) {
    registry.counter("simclr.evaluator.failures", "reason", reason.code()).increment();
  }

  @Override
  public void skipped(PendingCheckpoint event, EvaluationQueue.SkipReason reason, String detail) {
    LOG.infof("skipped %s (%s): %s", event, reason.code(), detail);
    registry.counter("simclr.evaluator.skipped", "reason", reason.code()).increment();
  }

  private AtomicLong gauge(String name, String run) {
    return gauges.computeIfAbsent(name + "|" + run, k -> {
      AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
      Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).tags(Tags.of("run", run)).register(registry);
      return bits;
    });
  }
}
