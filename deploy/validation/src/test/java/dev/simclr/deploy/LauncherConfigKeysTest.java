package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.ServiceEnv;
import dev.simclr.launcher.stack.ServicePorts;
import dev.simclr.launcher.stack.ServiceSpec;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's side of "every key set by the launcher, docker-compose and deploy/ exists in the service": every
 * environment variable {@code simclr up} and {@code simclr demo} give a service ({@link ServiceEnv}) is a config key of
 * that service (or a documented runtime variable), for every shape of run the launcher makes. docker-compose and the
 * manifests are checked by {@link ComposeTest} and {@link PipelineManifestsTest} with the same {@link ConfigKeys}.
 */
class LauncherConfigKeysTest {

    @TempDir
    Path tmp;

    private List<ServiceSpec> specs(RunConfig run) {
        return new ServiceEnv(
                        run,
                        "127.0.0.1:9092",
                        new StackInfo.S3Info("http://127.0.0.1:9000", "ak", "sk", "us-east-1", "simclr-data", "simclr"),
                        new StackLayout(tmp.resolve("data")),
                        new ServiceApps(tmp.resolve("repo")),
                        new ServicePorts(1, 2, 3))
                .specs();
    }

    /** A demo-like run (time budget), an `up` run with a held-out set and RGB input, and a plain one. */
    private List<RunConfig> runs() {
        return List.of(
                RunConfig.builder()
                        .setRunId("demo")
                        .setEvalSet("/fm")
                        .optTotalSteps(600)
                        .optCheckpointEvery(150)
                        .optTimeBudget(Duration.ofMinutes(11))
                        .optBudgetMeasureSteps(40)
                        .optBudgetSettleSteps(20)
                        .optEvalEveryNth(2)
                        .optDatasetSize(60_000)
                        .build(),
                RunConfig.builder()
                        .setRunId("photos")
                        .setEvalSet("s3://simclr-data/eval.jsonl")
                        .optChannels(3)
                        .optInputSize(64)
                        .optFit("center-crop")
                        .optHoldoutSet("s3://simclr-data/eval-sets/photos/holdout.jsonl")
                        .optEvalLimits(10_000, 2_000)
                        .optMaxSteps(1_000)
                        .build(),
                RunConfig.builder().setRunId("run").setEvalSet("/fm").build());
    }

    @Test
    void everyVariableTheLauncherSetsIsAKeyOfThatService() {
        List<String> checked = new ArrayList<>();
        for (RunConfig run : runs()) {
            for (ServiceSpec spec : specs(run)) {
                ConfigKeys keys = ConfigKeys.of(Repo.Service.byComponent(spec.name()));
                for (Map.Entry<String, String> e : spec.env().entrySet()) {
                    assertThat(keys.explain(e.getKey()))
                            .as(
                                    "%s: the launcher sets %s=%s, which is not a config key of the service (%s)",
                                    spec.name(), e.getKey(), e.getValue(), keys)
                            .isNotNull();
                    checked.add(spec.name() + ":" + e.getKey());
                }
            }
        }
        assertThat(checked)
                .as("the check saw the recipe's keys")
                .contains(
                        "trainer:SIMCLR_TRAINER_OPTIMIZER_LR",
                        "trainer:SIMCLR_TRAINER_TIME_BUDGET",
                        "augmenter:SIMCLR_AUGMENTER_POLICY_FIT",
                        "evaluator:SIMCLR_EVALUATOR_HOLDOUT_SET",
                        "evaluator:SIMCLR_EVALUATOR_EVAL_SET");
    }

    @Test
    void aMisspelledKeyIsCaught() {
        ConfigKeys trainer = ConfigKeys.of(Repo.Service.TRAINER);
        assertThat(trainer.explain("SIMCLR_TRAINER_OPTIMIZER_LR")).isNotNull();
        assertThat(trainer.explain("SIMCLR_TRAINER_OPTIMISER_LR")).isNull();
        assertThat(ConfigKeys.of(Repo.Service.AUGMENTER).explain("SIMCLR_TRAINER_OPTIMIZER_LR"))
                .as("a key of another service")
                .isNull();
    }
}
