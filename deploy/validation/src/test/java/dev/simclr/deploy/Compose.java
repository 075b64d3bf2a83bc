package dev.simclr.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as written (variables such as {@code ${SIMCLR_RUN_ID:-compose}} unresolved) and as docker-compose
 * resolves it with an empty environment (every variable at its default).
 */
final class Compose {

    /** The repository's compose file. */
    static final Path FILE = Repo.root().resolve("docker-compose.yml");

    private static Map<String, Object> raw;
    private static Map<String, Object> resolved;

    private final Map<String, Object> document;

    private Compose(Map<String, Object> document) {
        this.document = document;
    }

    /** The file as written. */
    static synchronized Compose raw() {
        if (raw == null) {
            raw = load(Repo.read(FILE));
        }
        return new Compose(raw);
    }

    /**
     * {@code docker-compose config} of the file with only PATH in the environment, so every {@code ${VAR:-default}}
     * takes its default: what {@code docker-compose up} runs on a clean host.
     */
    static synchronized Compose resolved() {
        if (resolved == null) {
            Tools.Result r = Tools.run(
                    List.of("docker-compose", "-f", FILE.toString(), "config"),
                    Repo.root(),
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                    ".ci/run installs Debian's docker-compose (apt-get install --no-install-recommends docker-compose)");
            if (r.exitCode() != 0) {
                throw new AssertionError("docker-compose config failed (exit " + r.exitCode() + "): "
                        + r.stderr().strip());
            }
            resolved = load(r.stdout());
        }
        return new Compose(resolved);
    }

    /** A compose document from YAML text (for tests of the checks themselves). */
    static Compose of(String yaml) {
        return new Compose(load(yaml));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    /** Every service by name. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        Object services = document.get("services");
        if (!(services instanceof Map<?, ?>)) {
            throw new AssertionError("docker-compose file without services");
        }
        return (Map<String, Map<String, Object>>) services;
    }

    /** The service {@code name}, which must exist. */
    Map<String, Object> service(String name) {
        Map<String, Object> s = services().get(name);
        if (s == null) {
            throw new AssertionError("docker-compose service " + name + " is missing");
        }
        return s;
    }

    /** The environment of service {@code name}, values as strings (a list form is split at '='). */
    Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }
}
