package dev.simclr.evaluator.service;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.TrainingProgress;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds {@code simclr.progress} into the dashboard's {@link DashboardService#history()}. Monitoring data: an invalid
 * record is logged (the first few) and counted ({@code simclr_evaluator_progress_invalid_total}), never dead-lettered.
 * Every instance reads the whole topic from its beginning with a group of its own and commits nothing, so a restarted
 * evaluator rebuilds its history from what the topic still retains.
 */
@ApplicationScoped
public class ProgressConsumer {

    private static final Logger LOG = Logger.getLogger(ProgressConsumer.class);
    private static final int LOGGED = 5;

    @Inject
    DashboardService dashboard;

    @Inject
    MeterRegistry registry;

    private int invalid;

    @Incoming(Channels.PROGRESS)
    public void consume(byte[] value) {
        try {
            dashboard.history().add(TrainingProgress.fromJson(value == null ? new byte[0] : value));
        } catch (ContractException e) {
            registry.counter("simclr.evaluator.progress.invalid").increment();
            if (invalid++ < LOGGED) {
                LOG.warnf(
                        "ignoring a simclr.progress record: %s%s",
                        e.getMessage(), invalid == LOGGED ? " (further ones are only counted)" : "");
            }
        }
    }
}
