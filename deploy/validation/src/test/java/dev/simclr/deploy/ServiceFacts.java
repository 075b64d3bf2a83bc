package dev.simclr.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Facts the deployment files must agree with, read from the build and the services' sources. */
final class ServiceFacts {

    /** Writable cache of every image (DJL natives, evaluator eval-set cache). */
    static final String CACHE_DIR = "/var/cache/simclr";

    private static final Pattern JNI = Pattern.compile("jnilib/linux-x86_64/([^/]+)/libdjl_torch\\.so");

    private ServiceFacts() {}

    /** {@code quarkus.http.port} of the service's application.properties. */
    static String httpPort(Repo.Service service) {
        for (String line : Repo.read(service.applicationProperties()).split("\n")) {
            if (line.startsWith("quarkus.http.port=")) {
                return line.substring("quarkus.http.port=".length()).strip();
            }
        }
        throw new AssertionError(service.applicationProperties() + " sets no quarkus.http.port");
    }

    /** A {@code <properties>} value of the root pom. */
    static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                .matcher(Repo.read(Repo.root().resolve("pom.xml")));
        if (!m.find()) {
            throw new AssertionError("root pom.xml has no property " + name);
        }
        return m.group(1).strip();
    }

    /** File names in {@code target/quarkus-app/lib/main} of the module at {@code context}. */
    static List<String> packagedLibraries(Path context) {
        Path lib = context.resolve("target/quarkus-app/lib/main");
        if (!Files.isDirectory(lib)) {
            throw new AssertionError(lib + " is missing: package the services first (./mvnw -B package -DskipTests)");
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    /** The linux-x86_64 JNI flavours (cpu, cu128, ...) in the app's packaged pytorch-jni jar. */
    static Set<String> jniFlavours(Path context) {
        String jar = packagedLibraries(context).stream()
                .filter(n -> n.startsWith("ai.djl.pytorch.pytorch-jni-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(context + " packages no ai.djl.pytorch:pytorch-jni"));
        Set<String> out = new TreeSet<>();
        try (JarFile j = new JarFile(
                context.resolve("target/quarkus-app/lib/main").resolve(jar).toFile())) {
            j.stream().forEach(e -> {
                Matcher m = JNI.matcher(e.getName());
                if (m.matches()) {
                    out.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return out;
    }

    /** Whether this build ran with the profile gpu (system property {@code simclr.gpu-build}, from the pom). */
    static boolean gpuBuild() {
        return Boolean.parseBoolean(System.getProperty("simclr.gpu-build", "false"));
    }
}
