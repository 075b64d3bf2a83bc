package dev.simclr.launcher.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one service: its packaged Quarkus app, HTTP port, JVM options and environment (Quarkus maps
 * {@code SIMCLR_TRAINER_BATCH_SIZE} to {@code simclr.trainer.batch-size}).
 *
 * @param name {@code augmenter}, {@code trainer} or {@code evaluator}
 * @param appJar {@code <module>/target/quarkus-app/quarkus-run.jar}
 * @param port HTTP port (health, metrics, API)
 * @param jvmArgs JVM options (heap, DJL threads)
 * @param env environment variables
 */
public record ServiceSpec(String name, Path appJar, int port, List<String> jvmArgs, Map<String, String> env) {

    /** Quarkus's main class in a fast-jar {@code quarkus-run.jar}. */
    public static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    /** Copies the collections. */
    public ServiceSpec {
        jvmArgs = List.copyOf(jvmArgs);
        env = Map.copyOf(env);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
