package dev.simclr.augmenter.service;

import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.loop.AugmenterLoop;
import dev.simclr.augmenter.loop.LoopStatus;
import dev.simclr.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Starts the {@link AugmenterLoop} when the application starts and stops it gracefully on shutdown. */
@ApplicationScoped
public class AugmenterService {

    private static final Logger LOG = Logger.getLogger(AugmenterService.class);

    @Inject
    AugmenterConfig config;

    @Inject
    S3Config s3;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ObjectStore store;
    private AugmenterLoop loop;

    void onStart(@Observes StartupEvent event) {
        store = PipelineAssembly.objectStore(s3);
        if (store == null) {
            LOG.warn("simclr.s3.endpoint is not set: s3:// images will be dead-lettered as unsupported-uri");
        }
        ImagePipeline pipeline = PipelineAssembly.pipeline(config, store);
        LOG.infof("policy: %s; fetching %s", pipeline.factory().config(), config.fetch().fileRoots()
                .map(r -> "file:// under " + r).orElse("no file://"));
        loop = new AugmenterLoop(PipelineAssembly.settings(config, bootstrapServers), pipeline, registry);
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
