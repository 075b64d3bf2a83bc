package dev.simclr.trainer.service;

import dev.simclr.kafka.KafkaSettings;
import dev.simclr.kafka.KafkaStartupCheck;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.trainer.config.S3Config;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.loop.StepHooks;
import dev.simclr.trainer.loop.TrainerHealth;
import dev.simclr.trainer.loop.TrainerRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Starts the {@link TrainerRuntime} when the application starts (failing start-up with a clear message if the config is
 * invalid or another trainer holds the run's lease) and stops it gracefully — final checkpoint, lease released — on
 * shutdown.
 */
@ApplicationScoped
public class TrainerService {

    private static final Logger LOG = Logger.getLogger(TrainerService.class);
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    TrainerConfig config;

    @Inject
    S3Config s3;

    @Inject
    MeterRegistry registry;

    @Inject
    Config allConfig;

    private ObjectStore store;
    private TrainerRuntime runtime;

    void onStart(@Observes StartupEvent event) {
        KafkaSettings kafka = KafkaSettings.fromConfig(
                allConfig.getPropertyNames(), name -> allConfig.getOptionalValue(name, String.class));
        TrainerSetup setup = TrainerSetup.of(config, kafka);
        KafkaStartupCheck.verify(kafka, "trainer", KAFKA_CHECK_TIMEOUT);
        store = ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(s3.accessKey())
                .setSecretKey(s3.secretKey())
                .optRegion(s3.region())
                .build());
        LOG.infof(
                "trainer: run %s, %s, batch %d, checkpoint every %d, schedule %s, bucket %s, lease holder %s",
                config.runId(),
                setup.model().toMap(),
                config.batchSize(),
                config.checkpointEvery(),
                setup.optimizer().toMap(),
                config.bucket(),
                setup.holderId());
        try {
            runtime = TrainerRuntime.start(setup, store, registry, StepHooks.NONE);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (runtime != null) {
            runtime.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Returns the runtime (null before start-up). */
    public TrainerRuntime runtime() {
        return runtime;
    }

    /** Returns the health of the running trainer (null before start-up). */
    public TrainerHealth health() {
        TrainerRuntime rt = runtime;
        return rt == null ? null : rt.health();
    }

    /** Returns the configured liveness timeout. */
    Duration livenessTimeout() {
        return config.livenessTimeout();
    }
}
