package dev.simclr.deploy;

import dev.simclr.contracts.KafkaAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer groups and transactional ids the services use, from the naming rules they share ({@link KafkaAccess})
 * and a deployment's environment (run id, prefix overrides), so that the ACLs are checked against what the code really
 * asks for.
 */
final class KafkaNames {

    private KafkaNames() {}

    /**
     * The augmenter's consumer group of {@code epoch} for {@code env} (SIMCLR_RUN_ID, optional
     * SIMCLR_AUGMENTER_GROUP_PREFIX).
     */
    static String augmenterGroup(Map<String, String> env, int epoch) {
        String prefix = env.getOrDefault("SIMCLR_AUGMENTER_GROUP_PREFIX", KafkaAccess.augmenterPrefix(run(env)));
        return KafkaAccess.epochGroup(prefix, epoch);
    }

    /** The augmenter's transactional.id for pod {@code instance}. */
    static String augmenterTransactionalId(Map<String, String> env, String instance) {
        String prefix =
                env.getOrDefault("SIMCLR_AUGMENTER_TRANSACTIONAL_ID_PREFIX", KafkaAccess.augmenterPrefix(run(env)));
        return KafkaAccess.transactionalId(prefix, env.getOrDefault("SIMCLR_AUGMENTER_INSTANCE_ID", instance));
    }

    /** The trainer's group as the augmenter's lag gate names it. */
    static String trainerGroupSeenByAugmenter(Map<String, String> env) {
        return env.getOrDefault("SIMCLR_AUGMENTER_TRAINER_GROUP", KafkaAccess.trainerGroup(run(env)));
    }

    /** The trainer's own group. */
    static String trainerGroup(Map<String, String> env) {
        return KafkaAccess.trainerGroup(run(env));
    }

    /** The evaluator's consumer groups (every incoming channel's group.id, a random UUID for ${quarkus.uuid}). */
    static List<String> evaluatorGroups() {
        List<String> out = new ArrayList<>();
        for (String line :
                Repo.read(Repo.Service.EVALUATOR.applicationProperties()).split("\n")) {
            Matcher m = Pattern.compile("^mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id=(.+)$")
                    .matcher(line.strip());
            if (m.matches()) {
                out.add(m.group(1)
                        .strip()
                        .replace("${quarkus.uuid}", UUID.randomUUID().toString()));
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("the evaluator's application.properties names no consumer group");
        }
        return out;
    }

    private static String run(Map<String, String> env) {
        String run = env.get("SIMCLR_RUN_ID");
        if (run == null || run.isBlank()) {
            throw new AssertionError("SIMCLR_RUN_ID is not set for the service");
        }
        return run;
    }
}
