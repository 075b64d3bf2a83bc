package dev.simclr.kafka;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which Kafka client settings are secrets (never logged) and how they are shown instead: every key the clients declare
 * as a password ({@code sasl.jaas.config}, {@code ssl.*.password}, {@code ssl.keystore.key}, ...) and, to be safe with
 * settings Kafka may add, every key that ends in {@code .password} or mentions a secret, key material or a token.
 */
public final class KafkaSecrets {

    /** What a secret value is shown as. */
    public static final String HIDDEN = "[hidden]";

    private static final Set<String> PASSWORD_TYPED = passwordTyped();
    private static final Pattern JAAS_USER = Pattern.compile("\\busername\\s*=\\s*\"([^\"]*)\"");

    private KafkaSecrets() {}

    /** Whether the value of {@code key} is a secret. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return PASSWORD_TYPED.contains(k)
                || k.equals("sasl.jaas.config")
                || k.endsWith(".password")
                || k.contains("secret")
                || k.contains("token")
                || k.equals("ssl.keystore.key");
    }

    /** {@code value}, or {@value #HIDDEN} when {@code key} is a secret. */
    public static String shown(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }

    /** The {@code username="..."} of a JAAS login module line (not a secret), if there is one. */
    public static Optional<String> jaasUser(String jaasConfig) {
        if (jaasConfig == null) {
            return Optional.empty();
        }
        Matcher m = JAAS_USER.matcher(jaasConfig);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Set<String> passwordTyped() {
        Set<String> out = new HashSet<>();
        for (ConfigDef def :
                new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef()
                }) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    out.add(name);
                }
            });
        }
        return Set.copyOf(out);
    }
}
