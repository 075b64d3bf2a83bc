package dev.simclr.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets are never committed: in the manifests every secret variable comes from a Secret ({@code secretKeyRef}), never
 * from a literal value or a ConfigMap; in docker-compose.yml every secret is a {@code ${VARIABLE:-default}} whose
 * default is an obviously local development value.
 */
final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(^|_)(PASSWORD|PASSWD|SECRET|SECRET_KEY|ACCESS_KEY|ACCESS_KEY_ID|SECRET_ACCESS_KEY|TOKEN|CREDENTIALS?)(_|$)");
    private static final Pattern LOCAL_DEFAULT = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:-([^}]*)}");

    private Secrets() {}

    /**
     * Whether {@code variable} holds a secret: a Kafka client property of type PASSWORD (sasl.jaas.config,
     * ssl.*.password, ...) or a name that says so (…_PASSWORD, …_SECRET_KEY, …_ACCESS_KEY, AWS_*, …).
     */
    static boolean isSecret(String variable) {
        String kafka = KafkaClientConfig.property(variable);
        if (kafka != null) {
            return KafkaClientConfig.isPassword(kafka);
        }
        return SECRET_NAME.matcher(variable).find();
    }

    /** Secret variables of {@code m} that are set inline or through a ConfigMap, one line each. */
    static List<String> violations(Manifests m) {
        List<String> out = new ArrayList<>();
        for (ConfigMap cm : m.of(ConfigMap.class)) {
            if (cm.getData() != null) {
                for (String key : cm.getData().keySet()) {
                    if (isSecret(key)) {
                        out.add("ConfigMap/" + cm.getMetadata().getName() + ": " + key
                                + " is a secret: put it in a Secret");
                    }
                }
            }
        }
        for (Rendered.Workload w : Rendered.workloads(m)) {
            for (Container c : Rendered.containers(w.pod())) {
                for (EnvVar v : c.getEnv()) {
                    boolean fromSecret =
                            v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null;
                    if (isSecret(v.getName()) && !fromSecret) {
                        out.add(w.name() + " container " + c.getName() + ": " + v.getName()
                                + " must come from a Secret (valueFrom.secretKeyRef), not "
                                + (v.getValue() != null ? "a literal value" : "elsewhere"));
                    }
                }
            }
        }
        return out;
    }

    /** Secret variables of the compose file (as written) that are not a local-default variable, one line each. */
    static List<String> violations(Compose raw) {
        List<String> out = new ArrayList<>();
        for (String service : raw.services().keySet()) {
            for (Map.Entry<String, String> e : raw.environment(service).entrySet()) {
                if (!isSecret(e.getKey())) {
                    continue;
                }
                Matcher m = LOCAL_DEFAULT.matcher(e.getValue());
                if (!m.matches()) {
                    out.add("docker-compose service " + service + ": " + e.getKey()
                            + " must be ${VARIABLE:-local default}, not a literal value");
                } else if (!m.group(1).contains("local") && !isAccessKey(e.getKey())) {
                    out.add("docker-compose service " + service + ": " + e.getKey()
                            + "'s default must say it is a local" + " development value (contain \"local\")");
                }
            }
        }
        return out;
    }

    /** Access keys name an identity rather than prove it: their defaults may be plain names. */
    private static boolean isAccessKey(String variable) {
        return variable.endsWith("ACCESS_KEY") || variable.endsWith("ACCESS_KEY_ID");
    }
}
