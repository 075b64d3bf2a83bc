package dev.simclr.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start-up check of the Kafka settings: one admin client asks the cluster for its id. Settings a client cannot even
 * be built from (a missing truststore, an unknown mechanism) and credentials the broker rejects (SASL or TLS) fail at
 * once with a message naming the settings to fix; a broker that does not answer in time is only logged, since every
 * client keeps retrying (Kafka may start later).
 */
public final class KafkaStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStartupCheck.class);

    private KafkaStartupCheck() {}

    /**
     * Logs the settings (secrets masked) and checks that the cluster accepts them.
     *
     * @param owner the service or tool, e.g. {@code "trainer"}
     * @param timeout how long to wait for the cluster
     * @throws KafkaAccessException when the client cannot be built or the broker rejects the credentials
     */
    public static void verify(KafkaSettings settings, String owner, Duration timeout) {
        LOG.info("{}: Kafka client settings: {}", owner, settings.describe());
        if (!settings.ignored().isEmpty()) {
            LOG.info("{}: ignored {} (not Kafka client properties)", owner, String.join(", ", settings.ignored()));
        }
        KafkaClientSpec spec = KafkaClientSpec.admin("start-up check")
                .fix(AdminClientConfig.CLIENT_ID_CONFIG, "simclr-" + owner + "-startup-check")
                .fix(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()))
                .fix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis()));
        Admin admin;
        try {
            admin = Admin.create(settings.forClient(spec));
        } catch (KafkaException e) {
            throw new KafkaAccessException("the " + owner + " cannot create a Kafka client from its kafka.* settings ("
                    + settings.describe() + "): " + rootMessage(e));
        }
        try {
            String cluster = admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "{}: Kafka at {} accepted the settings{} (cluster {})",
                    owner,
                    settings.bootstrapServers(),
                    settings.user().map(u -> " of user '" + u + "'").orElse(""),
                    cluster);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException a) {
                throw new KafkaAccessException(message(settings, owner, a));
            }
            LOG.warn("{}: the Kafka start-up check failed ({}); the clients keep retrying", owner, rootMessage(e));
        } catch (TimeoutException e) {
            LOG.warn(
                    "{}: Kafka at {} did not answer within {} ms; the clients keep retrying",
                    owner,
                    settings.bootstrapServers(),
                    timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAccessException("interrupted while checking Kafka at " + settings.bootstrapServers());
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    static String message(KafkaSettings s, String owner, AuthenticationException e) {
        String where = "Kafka at " + s.bootstrapServers();
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake of the " + owner + " with " + where + " failed: " + rootMessage(e) + ". Check "
                    + KafkaSettings.envName("ssl.truststore.location") + " / "
                    + KafkaSettings.envName("ssl.truststore.password")
                    + " (the broker's CA), " + KafkaSettings.envName("ssl.keystore.location") + " for mTLS, and "
                    + KafkaSettings.envName("ssl.endpoint.identification.algorithm") + ".";
        }
        String mechanism = s.get("sasl.mechanism").orElse("GSSAPI");
        String who = s.user().map(u -> "user '" + u + "'").orElse("its principal");
        String kind = e instanceof SaslAuthenticationException
                ? "SASL " + mechanism
                : e.getClass().getSimpleName();
        return where + " rejected the credentials of the " + owner + " (" + kind + ", " + who + "): " + rootMessage(e)
                + ". Check " + KafkaSettings.envName("sasl.jaas.config") + " (user and password) and "
                + KafkaSettings.envName("sasl.mechanism") + ".";
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
