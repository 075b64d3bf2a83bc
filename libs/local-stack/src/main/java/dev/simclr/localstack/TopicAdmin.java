package dev.simclr.localstack;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic creation shared by the embedded and the containerised Kafka (libs/test-support's {@code ContainerKafka}); users
 * and ACLs of the secured broker (package-private).
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    /** A plain (PLAINTEXT) admin client of {@code bootstrapServers}. */
    public TopicAdmin(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** An admin client with extra client properties (e.g. the secured broker's admin credentials). */
    TopicAdmin(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "simclr-local-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(p);
    }

    /** Creates or updates a SCRAM-SHA-512 user and waits until the broker knows it. */
    void createUser(String user, String password) {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096);
        await(
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password)))
                        .all(),
                "create SCRAM user " + user);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (admin.describeUserScramCredentials(List.of(user))
                        .all()
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .containsKey(user)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("user {} not visible yet: {}", user, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating user " + user, e);
            }
            sleep(50);
        }
        throw new IllegalStateException("SCRAM user " + user + " not visible after " + TIMEOUT.toSeconds() + " s");
    }

    /** Creates ACL bindings and waits until the authorizer answers with all of them. */
    void createAcls(Collection<AclBinding> bindings) {
        await(admin.createAcls(bindings).all(), "create " + bindings.size() + " ACLs");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Collection<AclBinding> present =
                        admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (present.containsAll(bindings)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("ACLs not visible yet: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating ACLs", e);
            }
            sleep(50);
        }
        throw new IllegalStateException("ACLs not visible after " + TIMEOUT.toSeconds() + " s");
    }

    private static void await(KafkaFuture<Void> f, String what) {
        try {
            f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    /** Waits until the cluster answers a describe-cluster call with at least one node. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
            sleep(100);
        }
        throw new IllegalStateException(
                "Kafka did not answer within " + timeout.toSeconds() + " s"
                        + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    /** Creates a topic as {@link KafkaEndpoint#createTopic} describes. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is missing");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs == null ? Map.of() : configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitLeaders(name);
            LOG.info("created topic {} ({} partitions, configs {})", name, partitions, topic.configs());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
            int existing = awaitLeaders(name).partitions().size();
            if (existing != partitions) {
                throw new IllegalStateException(
                        "topic " + name + " already exists with " + existing + " partitions, requested " + partitions);
            }
            setConfigs(name, topic.configs());
            LOG.info(
                    "topic {} already exists with {} partitions; configs set to {}", name, partitions, topic.configs());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "creating topic " + name + " timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Sets {@code configs} on an existing topic (the others keep their values). */
    private void setConfigs(String name, Map<String, String> configs) {
        if (configs.isEmpty()) {
            return;
        }
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        await(
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), ops))
                        .all(),
                "set the configs of topic " + name);
    }

    /** Waits until the broker knows the topic and every partition has a leader (metadata propagates late). */
    private TopicDescription awaitLeaders(String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TopicDescription d = describe(name);
            if (d != null
                    && d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return d;
            }
            sleep(50);
        }
        throw new IllegalStateException(
                "topic " + name + ": partitions have no leader after " + TIMEOUT.toSeconds() + " s");
    }

    /** The topic's description, or null while the broker does not know it yet. */
    private TopicDescription describe(String name) {
        try {
            return admin.describeTopics(List.of(name))
                    .allTopicNames()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new IllegalStateException(
                    "cannot describe topic " + name + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + name, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
