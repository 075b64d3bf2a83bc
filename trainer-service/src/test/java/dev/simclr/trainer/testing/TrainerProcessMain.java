package dev.simclr.trainer.testing;

import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.loop.StepHooks;
import dev.simclr.trainer.loop.TrainerRuntime;
import dev.simclr.trainer.loop.TrainerStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.bootstrap.logging.InitialConfigurator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * A trainer process for the kill -9 IT: runs the plain-Java trainer until {@code max-steps} is reached (exit 0) or it
 * fails (exit 3). Hooks stall it at a chosen point after writing a marker file, so the test can kill it in a known
 * crash window.
 *
 * <p>Arguments, {@code key=value}: bootstrap, s3-endpoint, s3-access-key, s3-secret-key, bucket, run, views,
 * checkpoints, batch, max-steps, holder, markers (a directory), shuffle (the shuffle buffer in pairs), and optionally
 * block-before-step=N or block-after-manifest=N.
 */
public final class TrainerProcessMain {

    private TrainerProcessMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        // Quarkus's initial log configurator buffers records until Quarkus starts; this plain process
        // activates it with a console handler instead.
        ConsoleHandler console = new ConsoleHandler(
                ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1}] (%t) %s%e%n"));
        console.setLevel(Level.INFO);
        InitialConfigurator.DELAYED_HANDLER.setHandlers(new Handler[] {console});
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        Path markers = Path.of(a.get("markers"));
        long blockBeforeStep = Long.parseLong(a.getOrDefault("block-before-step", "-1"));
        long blockAfterManifest = Long.parseLong(a.getOrDefault("block-after-manifest", "-1"));
        StepHooks hooks = new StepHooks() {
            @Override
            public void beforeStep(long step) {
                if (step == blockBeforeStep) {
                    stall(markers.resolve("before-step-" + step));
                }
            }

            @Override
            public void afterManifest(long step) {
                if (step == blockAfterManifest) {
                    stall(markers.resolve("after-manifest-" + step));
                }
            }
        };
        TrainerSetup settings = TrainerConfigs.setup(TrainerConfigs.with(
                Cluster.keys(a.get("bootstrap"), a.get("run"), a.get("views"), a.get("checkpoints")),
                "simclr.trainer.bucket",
                a.get("bucket"),
                "simclr.trainer.batch-size",
                a.get("batch"),
                "simclr.trainer.max-steps",
                a.get("max-steps"),
                "simclr.trainer.lease.holder-id",
                a.get("holder"),
                "simclr.trainer.lease.ttl",
                "30s",
                "simclr.trainer.shuffle-buffer",
                a.get("shuffle")));
        ObjectStore store = ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(a.get("s3-endpoint"))
                .setAccessKey(a.get("s3-access-key"))
                .setSecretKey(a.get("s3-secret-key"))
                .build());
        TrainerRuntime rt = TrainerRuntime.start(settings, store, new SimpleMeterRegistry(), hooks);
        while (rt.status().phase() != TrainerStatus.Phase.IDLE && rt.status().phase() != TrainerStatus.Phase.FAILED) {
            Thread.sleep(100);
        }
        boolean failed = rt.status().phase() == TrainerStatus.Phase.FAILED;
        System.out.println("TRAINER_DONE phase=" + rt.status().phase() + " step="
                + rt.status().step() + " error=" + rt.status().lastError());
        rt.close(Duration.ofSeconds(30));
        store.close();
        System.exit(failed ? 3 : 0);
    }

    private static void stall(Path marker) {
        try {
            Files.writeString(marker, "stalled");
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write marker " + marker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stalled at " + marker, e);
        }
    }
}
