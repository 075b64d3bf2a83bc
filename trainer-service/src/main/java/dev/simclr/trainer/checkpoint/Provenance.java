package dev.simclr.trainer.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a checkpoint came from: code version (project version and the git commit passed to the build as
 * {@code -Dsimclr.git.commit=...}, else {@code unknown}), dataset (the source topic), the writing host, and the engine.
 *
 * @param codeVersion project version
 * @param gitCommit git commit, or {@code unknown}
 * @param dataset e.g. {@code kafka:simclr.views}
 * @param createdBy host name (or holder id) of the trainer
 * @param engine e.g. {@code PyTorch 2.7.1 on cpu()}
 */
public record Provenance(String codeVersion, String gitCommit, String dataset, String createdBy, String engine) {

    private static final String BUILD_INFO = "/dev/simclr/trainer/build.properties";

    /** Reads the build info resource (filtered at build time); missing values become {@code unknown}. */
    public static Provenance of(String dataset, String engine) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown version below
        }
        return new Provenance(clean(p.getProperty("version")), clean(p.getProperty("commit")), dataset, host(), engine);
    }

    private static String clean(String v) {
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }

    /** Returns {@code HOSTNAME}, else the local host name, else {@code unknown}. */
    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns the manifest form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codeVersion", codeVersion);
        m.put("gitCommit", gitCommit);
        m.put("dataset", dataset);
        m.put("createdBy", createdBy);
        m.put("engine", engine);
        return m;
    }
}
