package dev.simclr.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service accepts as configuration from its environment: the keys of its {@code @ConfigMapping} interfaces and
 * {@code @ConfigProperty} injections, the keys of its application.properties, the environment variables those
 * properties reference ({@code ${SIMCLR_RUN_ID:default}}), a few Quarkus keys, runtime variables read by the JVM and
 * native libraries rather than by Quarkus, and {@code KAFKA_<PROPERTY>} for any real Kafka client property (the
 * services' contract: {@code kafka.*} keys go to all their Kafka clients; {@link KafkaClientConfig}).
 */
final class ConfigKeys {

    /** Quarkus keys a deployment may set although the service's own files do not mention them. */
    static final Set<String> QUARKUS_KEYS = Set.of("quarkus.http.port", "quarkus.http.host", "quarkus.log.level");

    /** Environment variables that are not config keys, and who reads them. */
    static final Map<String, String> RUNTIME_VARIABLES = Map.ofEntries(
            Map.entry("OMP_WAIT_POLICY", "libgomp (libtorch's OpenMP): idle threads sleep"),
            Map.entry(
                    "ORT_DISABLE_TELEMETRY",
                    "ONNX Runtime: no telemetry (its cmdline regex overflows the stack; OrtRuntime)"),
            Map.entry("JDK_JAVA_OPTIONS", "the java launcher"),
            Map.entry("DJL_CACHE_DIR", "DJL: where natives and models are cached"),
            Map.entry("ENGINE_CACHE_DIR", "DJL: engine natives cache"),
            Map.entry("PYTORCH_LIBRARY_PATH", "DJL: libtorch directory (GPU images)"),
            Map.entry("PYTORCH_VERSION", "DJL: version of that libtorch"),
            Map.entry("PYTORCH_FLAVOR", "DJL: JNI flavour (cpu, cu128)"),
            Map.entry("LD_LIBRARY_PATH", "the dynamic linker"),
            Map.entry("HOME", "the JVM's user.home"),
            Map.entry(
                    "ONEDNN_MAX_CPU_ISA", "oneDNN (libtorch): highest instruction set; AVX for ResNet-50 on the CPU"));

    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private final String service;
    private final Set<String> keys;
    private final Set<String> referencedEnv;

    private ConfigKeys(String service, Set<String> keys, Set<String> referencedEnv) {
        this.service = service;
        this.keys = keys;
        this.referencedEnv = referencedEnv;
    }

    /** The configuration surface of {@code service}, read from its sources. */
    static ConfigKeys of(Repo.Service service) {
        Set<String> keys = new TreeSet<>(QUARKUS_KEYS);
        try (Stream<Path> files = Files.walk(service.dir().resolve("src/main/java"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String source = Repo.read(p);
                keys.addAll(ConfigMappingParser.keys(source));
                Matcher m = CONFIG_PROPERTY.matcher(JavaSource.withoutComments(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources of " + service.module, e);
        }
        Set<String> env = new TreeSet<>();
        for (String line : Repo.read(service.applicationProperties()).split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("%") || eq <= 0) {
                continue;
            }
            keys.add(l.substring(0, eq).strip());
            Matcher m = ENV_REFERENCE.matcher(l.substring(eq + 1));
            while (m.find()) {
                env.add(m.group(1));
            }
        }
        return new ConfigKeys(service.module, keys, env);
    }

    /** The environment variable name Quarkus reads for {@code key}: non-alphanumerics to '_', upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Every key, by its environment variable name (map patterns end in {@code _*}). */
    Map<String, String> byEnvName() {
        Map<String, String> out = new TreeMap<>();
        for (String key : keys) {
            out.put(key.endsWith(".*") ? envName(key.substring(0, key.length() - 2)) + "_*" : envName(key), key);
        }
        return out;
    }

    /** Why {@code variable} is understood by the service, or null when it is not. */
    String explain(String variable) {
        Map<String, String> byEnv = byEnvName();
        if (byEnv.containsKey(variable)) {
            return "config key " + byEnv.get(variable);
        }
        for (Map.Entry<String, String> e : byEnv.entrySet()) {
            if (e.getKey().endsWith("_*")
                    && variable.startsWith(e.getKey().substring(0, e.getKey().length() - 1))) {
                return "map key under " + e.getValue();
            }
        }
        if (referencedEnv.contains(variable)) {
            return "referenced by application.properties";
        }
        if (variable.startsWith("QUARKUS_LOG_CATEGORY__")
                && variable.endsWith("__LEVEL")
                && variable.length() > "QUARKUS_LOG_CATEGORY____LEVEL".length()) {
            return "Quarkus log level of a category (quarkus.log.category.\"<name>\".level)";
        }
        if (RUNTIME_VARIABLES.containsKey(variable)) {
            return "runtime variable: " + RUNTIME_VARIABLES.get(variable);
        }
        String kafka = KafkaClientConfig.property(variable);
        if (kafka != null) {
            return "Kafka client property " + kafka + " (kafka." + kafka
                    + ", applied to every Kafka client of the service)";
        }
        return null;
    }

    /** Whether {@code key} (dotted) is a key of the service. */
    boolean hasKey(String key) {
        return keys.contains(key);
    }

    @Override
    public String toString() {
        return service + " (" + keys.size() + " keys)";
    }
}
