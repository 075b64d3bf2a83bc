package dev.simclr.faults;

import dev.simclr.localstack.S3Endpoint;
import dev.simclr.localstack.WatchedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as child JVMs behind the parent
 * watchdog, configured only through their documented keys as environment variables, like the launcher does; logs in
 * {@code <dir>/<name>.log}.
 */
final class ServiceStack implements AutoCloseable {

    /** The service names, in start order. */
    static final List<String> NAMES = List.of("augmenter", "trainer", "evaluator");

    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    private static final Map<String, String> HEAPS =
            Map.of("augmenter", "384m", "trainer", "512m", "evaluator", "768m");

    /** One running service. */
    record Service(String name, int port, WatchedProcess process) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceStack() {}

    /**
     * Starts the services (in {@link #NAMES} order, without waiting).
     *
     * @param repo the repository root (where the packaged services are)
     * @param dir logs and working directories
     * @param bootstrap Kafka
     * @param s3 the object store
     * @param env per service: its {@code SIMCLR_*} settings
     */
    static ServiceStack start(
            Path repo, Path dir, String bootstrap, S3Endpoint s3, Map<String, Map<String, String>> env) {
        ServiceStack stack = new ServiceStack();
        try {
            for (String name : NAMES) {
                Path jar = repo.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: package the services first (this module's"
                            + " reactor build does, e.g. ./mvnw -pl fault-tests -am verify)");
                }
                Path work = Files.createDirectories(dir.resolve(name));
                int port = freePort();
                WatchedProcess.Builder b = WatchedProcess.builder()
                        .setName(name)
                        .setMainClass(QUARKUS_MAIN)
                        .setWorkDir(work)
                        .setLogFile(dir.resolve(name + ".log"))
                        .optClassPath(jar.toString())
                        .optJvmArg("-Xmx" + HEAPS.get(name))
                        .optJvmArg("-XX:+ExitOnOutOfMemoryError")
                        .optJvmArg("-Dai.djl.pytorch.num_interop_threads=1")
                        .optEnv("OMP_WAIT_POLICY", "PASSIVE")
                        .optEnv("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
                        .optEnv("SIMCLR_S3_ENDPOINT", s3.endpoint())
                        .optEnv("SIMCLR_S3_ACCESS_KEY", s3.accessKey())
                        .optEnv("SIMCLR_S3_SECRET_KEY", s3.secretKey())
                        .optEnv("SIMCLR_S3_REGION", s3.region())
                        .optEnv("QUARKUS_HTTP_PORT", String.valueOf(port))
                        .optEnv("QUARKUS_HTTP_HOST", "127.0.0.1");
                env.getOrDefault(name, Map.of()).forEach(b::optEnv);
                stack.services.put(name, new Service(name, port, b.start()));
            }
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    Service service(String name) {
        return services.get(name);
    }

    /** True when a service process has exited. */
    boolean anyDead() {
        return services.values().stream().anyMatch(s -> !s.process().isAlive());
    }

    /** True when a service process has exited or answers its liveness check with DOWN (503). */
    boolean anyNotLive() {
        return anyDead() || NAMES.stream().anyMatch(n -> status(n, "/q/health/live") == 503);
    }

    /** The HTTP status of {@code GET path} on the service, or -1 when it does not answer within 3 s. */
    int status(String name, String path) {
        return get(name, path).statusCode();
    }

    /** {@code GET path} on the service; a failed request is status -1 with the error as body. */
    Response get(String name, String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(service(name).url(path)))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted (not a health answer)");
        }
    }

    /** An HTTP answer. */
    record Response(int statusCode, String body) {}

    /** Stops every service: SIGTERM, up to {@code grace} each (the trainer writes its final checkpoint). */
    void stop(Duration grace) {
        for (String name : List.of("evaluator", "augmenter", "trainer")) {
            Service s = services.get(name);
            if (s != null) {
                s.process().stop(grace);
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
