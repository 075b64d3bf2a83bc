package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Docker cannot run here, so the images are checked against the build instead: every path a Dockerfile copies from its
 * context (the service directory) exists after {@code package} and is not hidden by .dockerignore; the runtime settings
 * match the service (port, health endpoint, non-root user, caches); a GPU image names a libtorch that the packaged DJL
 * JNI glue supports.
 */
class DockerfileSourcesTest {

    static Stream<Dockerfile> dockerfiles() {
        return Stream.of(Repo.Service.values())
                .flatMap(s -> s.dockerfiles().stream())
                .map(Dockerfile::read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void everyCopiedPathIsProducedByTheBuild(Dockerfile d) {
        Path context = d.file().getParent().getParent().getParent().getParent();
        List<Dockerfile.Copy> copies = d.contextCopies();
        assertThat(copies).as("%s copies the packaged app", d.file()).isNotEmpty();
        List<String> allowed = dockerignoreAllowed(context);
        for (Dockerfile.Copy copy : copies) {
            for (String source : copy.sources()) {
                List<Path> matches = glob(context, source);
                assertThat(matches)
                        .as(
                                "%s:%d copies %s, which `./mvnw package` did not produce under %s",
                                d.file(), copy.line(), source, context)
                        .isNotEmpty();
                for (Path m : matches) {
                    assertThat(Files.isDirectory(m) ? listFiles(m) : List.of(m))
                            .as("%s:%d: %s is empty", d.file(), copy.line(), m)
                            .isNotEmpty();
                }
                assertThat(allowed.stream().anyMatch(source::startsWith))
                        .as(
                                "%s:%d: %s is excluded by %s/.dockerignore (allowed: %s)",
                                d.file(), copy.line(), source, context, allowed)
                        .isTrue();
            }
        }
        assertThat(copies.stream().map(Dockerfile.Copy::destination))
                .as("the entry point's jar is copied")
                .contains("/deployments/quarkus-run.jar");
        assertThat(context.resolve("target/quarkus-app/quarkus-run.jar")).isRegularFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void runtimeSettingsMatchTheService(Dockerfile d) {
        Repo.Service service = Repo.Service.byComponent(d.file()
                .getParent()
                .getParent()
                .getParent()
                .getParent()
                .getFileName()
                .toString());
        String port = ServiceFacts.httpPort(service);
        assertThat(d.all("EXPOSE")).extracting(Dockerfile.Instruction::args).containsExactly(port);
        assertThat(d.all("USER")).hasSize(1);
        assertThat(d.all("USER").get(0).args()).as("numeric non-root user").matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(d.all("HEALTHCHECK")).hasSize(1);
        // Liveness (a dependency outage must not mark the container unhealthy), on the port the app uses.
        assertThat(d.all("HEALTHCHECK").get(0).args())
                .contains("\"http://localhost:${QUARKUS_HTTP_PORT:-" + port + "}/q/health/live\"");
        assertThat(d.all("ENTRYPOINT"))
                .extracting(Dockerfile.Instruction::args)
                .containsExactly("[\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]");
        assertThat(d.env())
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry("ORT_DISABLE_TELEMETRY", "1")
                .containsEntry("DJL_CACHE_DIR", ServiceFacts.CACHE_DIR + "/djl")
                .containsEntry("ENGINE_CACHE_DIR", ServiceFacts.CACHE_DIR + "/djl");
        assertThat(d.env().get("JDK_JAVA_OPTIONS"))
                .contains("-Djava.io.tmpdir=/tmp", "-Dai.djl.pytorch.num_interop_threads=1");
        if (d.file().getFileName().toString().equals("Dockerfile.jvm")) {
            assertThat(d.finalBaseImage()).startsWith("eclipse-temurin:17-jre");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void gpuImagesLoadALibtorchTheJniGlueSupports(Dockerfile d) {
        if (!d.file().getFileName().toString().equals("Dockerfile.gpu")) {
            assertThat(d.env()).doesNotContainKeys("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR");
            return;
        }
        String version = ServiceFacts.rootPomProperty("pytorch.version");
        String flavor = d.env().get("PYTORCH_FLAVOR");
        assertThat(d.env())
                .containsEntry("PYTORCH_VERSION", version)
                .containsEntry("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib");
        assertThat(flavor).as("PYTORCH_FLAVOR").matches("cu[0-9]{3}");
        Path context = d.file().getParent().getParent().getParent().getParent();
        assertThat(ServiceFacts.jniFlavours(context))
                .as("JNI flavours in the packaged pytorch-jni jar")
                .contains(flavor);
        assertThat(d.argDefault("LIBTORCH_URL")).contains("/" + flavor + "/").contains(version + "%2B" + flavor);
        String cuda = flavor.substring(2, flavor.length() - 1) + "." + flavor.charAt(flavor.length() - 1);
        assertThat(d.finalBaseImage()).as("CUDA of the base image = libtorch's").contains("cuda:" + cuda + ".");
    }

    /**
     * The CPU images load libtorch from the pytorch-native-cpu jar; the GPU images must not carry it (they bring CUDA
     * libtorch) and the evaluator's must carry onnxruntime_gpu. Which of the two this build is comes from the profile
     * gpu (-Pgpu).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeServices")
    void packagedNativesMatchTheBuildProfile(Repo.Service service) {
        List<String> libs = ServiceFacts.packagedLibraries(service.dir());
        boolean gpu = ServiceFacts.gpuBuild();
        String cpuNatives = "ai.djl.pytorch.pytorch-native-cpu-" + ServiceFacts.rootPomProperty("pytorch.version")
                + "-linux-x86_64.jar";
        if (gpu) {
            assertThat(libs).as("-Pgpu build of %s", service.module).doesNotContain(cpuNatives);
        } else {
            assertThat(libs).as("CPU build of %s", service.module).contains(cpuNatives);
        }
        if (service == Repo.Service.EVALUATOR) {
            String ort = "com.microsoft.onnxruntime." + (gpu ? "onnxruntime_gpu-" : "onnxruntime-")
                    + ServiceFacts.rootPomProperty("onnxruntime.version") + ".jar";
            assertThat(libs).contains(ort);
        }
    }

    static Stream<Repo.Service> nativeServices() {
        return Stream.of(Repo.Service.TRAINER, Repo.Service.EVALUATOR);
    }

    private static List<String> dockerignoreAllowed(Path context) {
        Path ignore = context.resolve(".dockerignore");
        assertThat(ignore).as("a .dockerignore keeps the build context small").isRegularFile();
        List<String> lines = Repo.read(ignore)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(lines.get(0)).as("%s starts by excluding everything", ignore).isEqualTo("*");
        return lines.stream()
                .filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1))
                .toList();
    }

    private static List<Path> glob(Path context, String source) {
        if (!source.contains("*")) {
            Path p = context.resolve(source);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + context.resolve(source));
        try (Stream<Path> files = Files.walk(context.resolve(source.substring(0, source.lastIndexOf('/'))), 1)) {
            return files.filter(matcher::matches).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
