package dev.simclr.augmenter.service;

import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.config.AugmenterConfig;
import dev.simclr.augmenter.config.AugmenterSetup;
import dev.simclr.augmenter.config.S3Config;
import dev.simclr.augmenter.loop.AugmenterLoop;
import dev.simclr.augmenter.loop.LoopStatus;
import dev.simclr.augmenter.loop.LoopTuning;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.kafka.KafkaStartupCheck;
import dev.simclr.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** Starts the {@link AugmenterLoop} when the application starts and stops it gracefully on shutdown. */
@ApplicationScoped
public class AugmenterService {

    private static final Logger LOG = Logger.getLogger(AugmenterService.class);
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    AugmenterConfig config;

    @Inject
    S3Config s3;

    @Inject
    MeterRegistry registry;

    /** The whole configuration: the Kafka client settings are every {@code kafka.*} key (env {@code KAFKA_*}). */
    @Inject
    Config allConfig;

    private ObjectStore store;
    private AugmenterLoop loop;

    void onStart(@Observes StartupEvent event) {
        KafkaSettings kafka = KafkaSettings.fromConfig(
                allConfig.getPropertyNames(), name -> allConfig.getOptionalValue(name, String.class));
        KafkaStartupCheck.verify(kafka, "augmenter", KAFKA_CHECK_TIMEOUT);
        AugmenterSetup setup = AugmenterSetup.of(config, s3, kafka);
        store = setup.objectStore().map(ObjectStore::connect).orElse(null);
        if (store == null) {
            LOG.warn("simclr.s3.endpoint is not set: s3:// images will be dead-lettered as unsupported-uri");
        }
        ImagePipeline pipeline = setup.pipeline(store);
        LOG.infof(
                "policy: %s; fetching %s",
                pipeline.factory().config(),
                config.fetch().fileRoots().map(r -> "file:// under " + r).orElse("no file://"));
        loop = new AugmenterLoop(setup, LoopTuning.DEFAULTS, pipeline, registry);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The loop's state (null before start-up). */
    public LoopStatus status() {
        return loop == null ? null : loop.status();
    }

    /** Whether the loop thread is running. */
    public boolean loopAlive() {
        return loop != null && loop.isAlive();
    }

    /** Configured liveness timeout in nanoseconds. */
    long livenessTimeoutNanos() {
        return config.livenessTimeout().toNanos();
    }
}
