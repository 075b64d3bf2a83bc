package dev.simclr.evaluator;

import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health checks next to the Kafka connector's own: the worker thread (liveness) and S3 (readiness). */
public final class EvaluatorHealth {

  private EvaluatorHealth() {}

  /** Live while the evaluation worker thread runs; reports the queue. */
  @Liveness
  @ApplicationScoped
  public static class Worker implements HealthCheck {

    @Inject
    EvaluatorService service;

    @Override
    public HealthCheckResponse call() {
      HealthCheckResponseBuilder b = HealthCheckResponse.named("evaluation-worker").status(service.workerAlive())
          .withData("pending", service.queue().pending());
      service.queue().inProgress().ifPresent(p -> b.withData("evaluating", p.toString()));
      return b.build();
    }
  }

  /** Ready while the bucket answers. */
  @Readiness
  @ApplicationScoped
  public static class Storage implements HealthCheck {

    @Inject
    EvaluatorService service;

    @Inject
    ObjectStore store;

    @Override
    public HealthCheckResponse call() {
      String bucket = service.layout().bucket();
      try {
        store.exists(new S3Uri(bucket, ".health-probe"));
        return HealthCheckResponse.named("object-store").up().withData("bucket", bucket).build();
      } catch (RuntimeException e) {
        return HealthCheckResponse.named("object-store").down().withData("bucket", bucket)
            .withData("error", String.valueOf(e.getMessage())).build();
      }
    }
  }
}
