package dev.simclr.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process single-node Kafka cluster in KRaft mode (combined broker and controller) on free loopback ports, tuned
 * for one node: internal topics have one partition and replication factor 1, so consumer groups, idempotent and
 * transactional producers work at once.
 *
 * <p>The storage lives in {@code <dataDir>/kafka-logs}; it is formatted on first use and reused on the next start from
 * the same directory (topics and records survive a restart). With a null data directory a temp directory is used and
 * deleted on {@link #close()}.
 *
 * <p>By default the client listener is PLAINTEXT without authorization. {@link #startSecured} starts it as SASL_SSL
 * with SCRAM-SHA-512 users and the standard authorizer instead ({@link KafkaSecurity}).
 */
public final class EmbeddedKafka implements KafkaEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";
    private static final String SECURE_LISTENER = "SECURE";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Properties props;
    private final String bootstrapServers;
    private KafkaRaftServer server;
    private TopicAdmin admin;
    private final KafkaSecurity security;
    private boolean closed;

    private EmbeddedKafka(
            Path dataDir,
            boolean deleteOnClose,
            Properties props,
            KafkaRaftServer server,
            String bootstrapServers,
            TopicAdmin admin,
            KafkaSecurity security) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.props = props;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.security = security;
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param dataDir where the logs live; null for a temp directory deleted on close
     */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Starts a broker with extra broker properties (they override the defaults of this class).
     *
     * @param dataDir where the logs live; null for a temp directory deleted on close
     * @param brokerOverrides broker properties such as {@code log.retention.ms}
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides) {
        return start(dataDir, brokerOverrides, null);
    }

    /**
     * Starts a broker whose client listener is SASL_SSL with SCRAM-SHA-512 and ACLs (the standard authorizer; super
     * users {@value KafkaSecurity#BROKER_USER} and {@value KafkaSecurity#ADMIN_USER}). Clients need
     * {@link KafkaSecurity#clientProperties} of a user made with {@link #createUser}.
     *
     * @param dataDir where the logs live; null for a temp directory deleted on close. An existing secured storage must
     *     be started with the same passwords.
     */
    public static EmbeddedKafka startSecured(Path dataDir, KafkaSecurity security) {
        if (security == null) {
            throw new IllegalArgumentException("security settings are required");
        }
        return start(dataDir, Map.of(), security);
    }

    private static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides, KafkaSecurity security) {
        long t0 = System.nanoTime();
        Path dir = LocalFiles.dataDir(dataDir, "simclr-kafka-");
        Path logDir = dir.resolve("kafka-logs");
        int[] ports = LocalFiles.freePorts(2);
        String bootstrap = "127.0.0.1:" + ports[0];
        Properties props = brokerProperties(logDir, ports[0], ports[1]);
        if (security != null) {
            props.putAll(security.brokerProperties(SECURE_LISTENER, CONTROLLER, ports[0], ports[1]));
        }
        props.putAll(brokerOverrides);
        KafkaRaftServer server = null;
        TopicAdmin admin = null;
        try {
            boolean formatted = formatIfNeeded(logDir, security);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            admin = new TopicAdmin(bootstrap, security == null ? Map.of() : security.adminProperties());
            admin.awaitReady(READY_TIMEOUT);
            LOG.info(
                    "embedded Kafka (KRaft, {}, {}) up at {} in {} ms, data in {}",
                    formatted ? "new storage" : "existing storage",
                    security == null ? "PLAINTEXT" : "SASL_SSL " + KafkaSecurity.MECHANISM + " with ACLs",
                    bootstrap,
                    (System.nanoTime() - t0) / 1_000_000,
                    logDir);
            return new EmbeddedKafka(dir, dataDir == null, props, server, bootstrap, admin, security);
        } catch (RuntimeException e) {
            stopQuietly(server, admin);
            if (dataDir == null) {
                deleteQuietly(dir);
            }
            throw new IllegalStateException("embedded Kafka failed to start in " + logDir + ": " + e.getMessage(), e);
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        return p;
    }

    private static boolean formatIfNeeded(Path logDir, KafkaSecurity security) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return false;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(security == null ? List.of() : security.scramArguments())
                    .run();
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot format KRaft storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The secured mode's settings, if the broker was started with {@link #startSecured}. */
    public Optional<KafkaSecurity> security() {
        return Optional.ofNullable(security);
    }

    /**
     * Creates (or changes the password of) a SCRAM-SHA-512 user through the admin API and waits until the broker knows
     * it.
     *
     * @throws IllegalStateException when the broker is not secured
     */
    public void createUser(String user, String password) {
        requireSecured("create users");
        admin.createUser(user, password);
    }

    /**
     * Creates ACLs through the admin API and waits until the authorizer has them.
     *
     * @throws IllegalStateException when the broker is not secured
     */
    public void createAcls(Collection<AclBinding> bindings) {
        requireSecured("create ACLs");
        admin.createAcls(bindings);
    }

    private void requireSecured(String what) {
        if (security == null) {
            throw new IllegalStateException("cannot " + what + ": embedded Kafka at " + bootstrapServers
                    + " runs without authentication (start it with startSecured)");
        }
        if (closed) {
            throw new IllegalStateException("embedded Kafka is closed");
        }
    }

    /** The data directory (the broker's logs are in its {@code kafka-logs} sub-directory). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
        if (closed || server == null) {
            throw new IllegalStateException("embedded Kafka is " + (closed ? "closed" : "stopped"));
        }
        admin.createTopic(name, partitions, configs);
    }

    /** True while the broker runs (between start or {@link #restart()} and {@link #stop()} or close). */
    public synchronized boolean isRunning() {
        return !closed && server != null;
    }

    /**
     * Shuts the broker down cleanly (as a rolling restart does), keeping its log directory and ports for
     * {@link #restart()}; clients see a broker that is gone. Idempotent.
     */
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka is closed");
        }
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        stopQuietly(server, admin);
        server = null;
        admin = null;
        LOG.info(
                "embedded Kafka at {} stopped for a restart in {} ms",
                bootstrapServers,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Starts the broker again on the same ports and log directory (after {@link #stop()}) and waits until it answers;
     * topics, records, consumer offsets and transaction state are kept.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka is closed");
        }
        if (server != null) {
            return;
        }
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        TopicAdmin a = null;
        try {
            s.startup();
            a = new TopicAdmin(bootstrapServers, security == null ? Map.of() : security.adminProperties());
            a.awaitReady(READY_TIMEOUT);
        } catch (RuntimeException e) {
            stopQuietly(s, a);
            throw new IllegalStateException(
                    "embedded Kafka failed to restart at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        server = s;
        admin = a;
        LOG.info("embedded Kafka back at {} in {} ms", bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Shuts the broker down cleanly and, for a temp data directory, deletes it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        stopQuietly(server, admin);
        if (deleteOnClose) {
            deleteQuietly(dataDir);
        }
        LOG.info("embedded Kafka at {} stopped in {} ms", bootstrapServers, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void stopQuietly(KafkaRaftServer server, TopicAdmin admin) {
        if (admin != null) {
            try {
                admin.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the Kafka admin client failed: {}", e.getMessage());
            }
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("embedded Kafka shutdown failed: {}", e.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            LocalFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete Kafka data directory {}: {}", dir, e.getMessage());
        }
    }
}
