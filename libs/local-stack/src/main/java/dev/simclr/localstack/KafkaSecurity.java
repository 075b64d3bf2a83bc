package dev.simclr.localstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secured mode of {@link EmbeddedKafka}: clients connect over SASL_SSL with SCRAM-SHA-512 (TLS from
 * {@link LocalTls}), the standard KRaft authorizer ({@code StandardAuthorizer}) checks ACLs, and only the broker itself
 * ({@value #BROKER_USER}) and the admin ({@value #ADMIN_USER}) are super users. Both SCRAM users are written into the
 * storage when it is formatted; further users and ACLs are created with {@link EmbeddedKafka#createUser} and
 * {@link EmbeddedKafka#createAcls}. The controller listener (loopback only) uses SASL PLAIN with the broker's password:
 * KRaft cannot use SCRAM there. A data directory formatted in secured mode must be restarted with the same passwords.
 *
 * @param tls key store and trust store
 * @param brokerPassword password of {@value #BROKER_USER} (inter-broker and controller connections)
 * @param adminPassword password of {@value #ADMIN_USER}
 */
public record KafkaSecurity(LocalTls tls, String brokerPassword, String adminPassword) {

    /** The broker's own SCRAM user (a super user). */
    public static final String BROKER_USER = "broker";
    /** The administrator (a super user: creates topics, users and ACLs). */
    public static final String ADMIN_USER = "admin";
    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The authorizer. */
    public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    /** Generates TLS material in {@code dir} and random passwords. */
    public static KafkaSecurity generate(Path dir) {
        return new KafkaSecurity(LocalTls.generate(dir), randomPassword(), randomPassword());
    }

    /** A random password (hex, so it needs no quoting in JAAS lines or SCRAM arguments). */
    public static String randomPassword() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Hides the passwords. */
    @Override
    public String toString() {
        return "KafkaSecurity[" + tls + ", SASL_SSL " + MECHANISM + ", passwords ***]";
    }

    /** The {@code sasl.jaas.config} of a SCRAM user. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /**
     * Client properties for {@code user}: SASL_SSL, SCRAM-SHA-512, its JAAS line and the trust store (host name
     * verification stays on: the certificate names {@code 127.0.0.1} and {@code localhost}).
     */
    public Map<String, String> clientProperties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", scramJaas(user, password));
        p.put("ssl.truststore.type", LocalTls.STORE_TYPE);
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.password", tls.password());
        return p;
    }

    /** Client properties of the admin. */
    public Map<String, String> adminProperties() {
        return clientProperties(ADMIN_USER, adminPassword);
    }

    /** The storage formatter's SCRAM arguments: the broker and the admin. */
    List<String> scramArguments() {
        return List.of(
                MECHANISM + "=[name=" + BROKER_USER + ",password=" + brokerPassword + "]",
                MECHANISM + "=[name=" + ADMIN_USER + ",password=" + adminPassword + "]");
    }

    /** Broker properties of the secured listeners (they replace the plain-text ones). */
    Map<String, String> brokerProperties(String listener, String controller, int brokerPort, int controllerPort) {
        String l = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
        String c = "listener.name." + controller.toLowerCase(java.util.Locale.ROOT) + ".";
        Map<String, String> p = new LinkedHashMap<>();
        p.put(
                "listeners",
                listener + "://127.0.0.1:" + brokerPort + "," + controller + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", listener + "://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", listener + ":SASL_SSL," + controller + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", listener);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put(l + "sasl.enabled.mechanisms", MECHANISM);
        p.put(
                l + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                scramJaas(BROKER_USER, brokerPassword));
        p.put(l + "ssl.keystore.type", LocalTls.STORE_TYPE);
        p.put(l + "ssl.keystore.location", tls.keyStore().toString());
        p.put(l + "ssl.keystore.password", tls.password());
        p.put(l + "ssl.key.password", tls.password());
        p.put(l + "ssl.truststore.type", LocalTls.STORE_TYPE);
        p.put(l + "ssl.truststore.location", tls.trustStore().toString());
        p.put(l + "ssl.truststore.password", tls.password());
        p.put(c + "sasl.enabled.mechanisms", "PLAIN");
        p.put(
                c + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
                        + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword
                        + "\";");
        p.put("authorizer.class.name", AUTHORIZER);
        p.put("super.users", "User:" + BROKER_USER + ";User:" + ADMIN_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("auto.create.topics.enable", "false");
        return p;
    }
}
