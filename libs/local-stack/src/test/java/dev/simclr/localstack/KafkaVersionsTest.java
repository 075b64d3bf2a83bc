package dev.simclr.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker (org.apache.kafka:kafka_2.13 and its server modules, version {@code kafka.version} of the root
 * pom) is the same Kafka release as the kafka-clients that the Quarkus BOM manages for every service: a Quarkus upgrade
 * that moves the clients fails here until {@code kafka.version} follows.
 */
class KafkaVersionsTest {

    private static final Pattern JAR_NAME = Pattern.compile(".*?-(\\d+\\.\\d+\\.\\d+[^/]*?)\\.jar");

    @Test
    void theBrokerIsTheReleaseOfTheClients() throws ClassNotFoundException {
        String clients = versionOf(Class.forName("org.apache.kafka.clients.admin.Admin"));
        assertThat(clients).as("kafka-clients version").matches("\\d+\\.\\d+\\.\\d+.*");
        Map<String, String> broker = new LinkedHashMap<>();
        broker.put("kafka_2.13", versionOf(Class.forName("kafka.server.KafkaRaftServer")));
        broker.put("kafka-server", versionOf(Class.forName("org.apache.kafka.server.ApiVersionManager")));
        broker.put("kafka-server-common", versionOf(Class.forName("org.apache.kafka.server.common.MetadataVersion")));
        broker.put("kafka-metadata", versionOf(Class.forName("org.apache.kafka.metadata.storage.Formatter")));
        assertThat(broker)
                .as("broker modules (root pom kafka.version) against kafka-clients %s of the Quarkus BOM", clients)
                .allSatisfy((module, version) -> assertThat(version).as(module).isEqualTo(clients));
    }

    @Test
    void versionsAreReadFromTheVersionFileTheManifestOrTheJarName(@TempDir Path dir) throws IOException {
        Path withFile = jar(dir.resolve("a.jar"), null, "commitId=abc\nversion=9.8.7\n");
        Path withManifest = jar(dir.resolve("b.jar"), "4.0.1", null);
        Path named = jar(dir.resolve("kafka-metadata-4.1.2.jar"), null, null);
        assertThat(versionOfJar(withFile)).isEqualTo("9.8.7");
        assertThat(versionOfJar(withManifest)).isEqualTo("4.0.1");
        assertThat(versionOfJar(named)).isEqualTo("4.1.2");
        Path anonymous = jar(dir.resolve("c.jar"), null, null);
        assertThatThrownBy(() -> versionOfJar(anonymous))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Kafka version");
    }

    /** The Kafka release of the jar that holds {@code type}. */
    private static String versionOf(Class<?> type) {
        try {
            Path jar = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(jar).as("%s comes from a jar", type.getName()).isRegularFile();
            return versionOfJar(jar);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The version of a Kafka jar: {@code kafka/kafka-version.properties} (clients, server, server-common), else the
     * manifest's {@code Version} (kafka_2.13), else the file name.
     */
    static String versionOfJar(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            JarEntry props = j.getJarEntry("kafka/kafka-version.properties");
            if (props != null) {
                Properties p = new Properties();
                try (InputStream in = j.getInputStream(props)) {
                    p.load(in);
                }
                return p.getProperty("version");
            }
            Manifest m = j.getManifest();
            String v = m == null ? null : m.getMainAttributes().getValue("Version");
            if (v != null) {
                return v;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        Matcher name = JAR_NAME.matcher(jar.getFileName().toString());
        if (name.matches()) {
            return name.group(1);
        }
        throw new IllegalStateException(
                jar + " has no Kafka version (no kafka-version.properties, manifest Version or versioned name)");
    }

    private static Path jar(Path file, String manifestVersion, String versionFile) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestVersion != null) {
            m.getMainAttributes().putValue("Version", manifestVersion);
        }
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream j = new JarOutputStream(out, m)) {
            if (versionFile != null) {
                j.putNextEntry(new JarEntry("kafka/kafka-version.properties"));
                j.write(versionFile.getBytes(StandardCharsets.ISO_8859_1));
                j.closeEntry();
            }
        }
        return file;
    }
}
