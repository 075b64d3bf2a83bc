package dev.simclr.trainer.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.simclr.model.Devices;
import dev.simclr.model.run.TorchSetup;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.trainer.checkpoint.Checkpointer;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first moments of a trainer: the engine set-up, and the start of the lineage — continuing a resumed checkpoint
 * (whose event is published again: the crash may have come between manifest and event) or, for a fresh run, a step-0
 * checkpoint that records where reading starts, so that {@code start-from=latest} survives a crash before the first
 * step.
 */
final class LineageStart {

    private static final Logger LOG = LoggerFactory.getLogger(LineageStart.class);

    private LineageStart() {}

    /** Sets the PyTorch threads, loads the engine and resolves the device; logs where libtorch came from. */
    static Device engine(TrainerSetup s) {
        TrainerConfig c = s.config();
        String threads = TorchSetup.configure(c.threads(), s.model().arch().bottleneck());
        Device device = Devices.parse(c.device());
        LOG.info("run {}: {} ({}; {})", c.runId(), engineText(device), threads, TorchSetup.nativeLibrary());
        return device;
    }

    /** Returns e.g. {@code PyTorch 2.7.1 on cpu()}. */
    static String engineText(Device device) {
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + " on " + device;
    }

    /** Continues or starts the lineage; returns its counters. */
    static LineageState begin(
            TrainerSetup s,
            RunResume.Start start,
            TrainingSession session,
            Checkpointer checkpointer,
            Map<Integer, Long> positions,
            Provenance provenance) {
        if (start.resumed().isPresent()) {
            LineageState lineage = LineageState.resumed(start.resumed().get().lineage(), s.datasetSize());
            checkpointer.announce(
                    start.checkpoint().orElseThrow(), start.resumed().get().lineage());
            return lineage;
        }
        LineageState lineage = LineageState.fresh(positions, s.datasetSize());
        var step0 = checkpointer.write(
                session.state(),
                session.optimizerSpec(),
                lineage.snapshot(),
                s.toRunMap(),
                provenance,
                TrainingLoop.extraAttributes(start.budget()),
                false);
        LOG.info(
                "run {}: step-0 checkpoint {} anchors the lineage at offsets {}",
                s.config().runId(),
                step0.checkpointUri(),
                positions);
        return lineage;
    }
}
