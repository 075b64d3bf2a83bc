package dev.simclr.launcher.cli;

import dev.simclr.kafka.KafkaSettings;
import dev.simclr.launcher.Logging;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the client commands (import, push, watch) send their requests. Another cluster, named by
 * {@code --bootstrap-servers} or {@code KAFKA_BOOTSTRAP_SERVERS}: the Kafka client settings are the environment's
 * {@code KAFKA_*} variables (security protocol, SASL, truststore...) and S3 is {@code SIMCLR_S3_*}. Otherwise the
 * running local stack of stack.json, whose broker is plain text on loopback: only its bootstrap servers are used.
 *
 * @param kafka the Kafka client settings
 * @param s3 S3 client configuration (null when not needed or unknown)
 * @param stack the running local stack, if that is where the endpoints come from
 */
record Endpoints(KafkaSettings kafka, ObjectStoreConfig s3, Optional<StackInfo> stack) {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);

    /** The bootstrap servers. */
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Resolves the endpoints from the process environment and routes client logging to {@code <data-dir>/logs/cli.log}
     * (or stderr).
     *
     * @param bootstrapOverride {@code --bootstrap-servers}, or null
     * @param needS3 whether S3 is needed
     */
    static Endpoints resolve(StackLayout layout, String bootstrapOverride, boolean needS3) {
        logTo(layout);
        return resolve(layout, bootstrapOverride, needS3, System.getenv());
    }

    /** The running local stack (status reports on it whatever the environment says). */
    static Endpoints local(StackLayout layout) {
        logTo(layout);
        return local(layout, Map.of());
    }

    static Endpoints resolve(StackLayout layout, String bootstrapOverride, boolean needS3, Map<String, String> env) {
        KafkaSettings fromEnv;
        try {
            fromEnv = KafkaSettings.fromEnv(env);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        String bootstrap = bootstrapOverride != null
                ? bootstrapOverride
                : fromEnv.get(KafkaSettings.BOOTSTRAP_SERVERS).orElse(null);
        if (bootstrap == null) {
            return local(layout, env);
        }
        ObjectStoreConfig s3 = null;
        if (needS3) {
            if (env.get(ObjectStoreConfig.ENV_ENDPOINT) == null) {
                throw new UserException("with --bootstrap-servers or "
                        + KafkaSettings.envName(KafkaSettings.BOOTSTRAP_SERVERS)
                        + ", set " + ObjectStoreConfig.ENV_ENDPOINT + ", " + ObjectStoreConfig.ENV_ACCESS_KEY + " and "
                        + ObjectStoreConfig.ENV_SECRET_KEY + " for S3");
            }
            try {
                s3 = ObjectStoreConfig.fromEnv(env);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        KafkaSettings kafka = fromEnv.with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap);
        LOG.info("Kafka client settings: {}", kafka.describe());
        return new Endpoints(kafka, s3, Optional.empty());
    }

    private static Endpoints local(StackLayout layout, Map<String, String> env) {
        StackInfo info = StackInfo.requireRunning(layout);
        KafkaSettings ignored = KafkaSettings.fromEnv(env);
        if (!ignored.properties().isEmpty()) {
            LOG.info(
                    "not applying {} to the local stack (its broker is plain text on loopback)",
                    String.join(
                            ", ",
                            ignored.properties().keySet().stream()
                                    .map(KafkaSettings::envName)
                                    .toList()));
        }
        ObjectStoreConfig s3 = ObjectStoreConfig.builder()
                .setEndpoint(info.s3().endpoint())
                .setAccessKey(info.s3().accessKey())
                .setSecretKey(info.s3().secretKey())
                .optRegion(info.s3().region())
                .build();
        return new Endpoints(KafkaSettings.bootstrap(info.kafka().bootstrapServers()), s3, Optional.of(info));
    }

    private static void logTo(StackLayout layout) {
        if (Files.isDirectory(layout.logsDir())) {
            Logging.toFile(layout.log("cli"));
        } else {
            Logging.toStderr();
        }
    }
}
