package dev.simclr.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer groups and transactional ids the services use, derived from their sources (the
 * defaults in LoopSettings and TrainerSettings, the evaluator's application.properties) and a
 * deployment's environment, so that the ACLs are checked against what the code really asks for.
 */
final class KafkaNames {

  private static final Path LOOP_SETTINGS = Repo.Service.AUGMENTER.dir()
      .resolve("src/main/java/dev/simclr/augmenter/loop/LoopSettings.java");
  private static final Path TRAINER_SETTINGS = Repo.Service.TRAINER.dir()
      .resolve("src/main/java/dev/simclr/trainer/loop/TrainerSettings.java");

  private KafkaNames() {}

  private static String find(Path source, String regex, String what) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(JavaSource.withoutComments(Repo.read(source)));
    if (!m.find()) {
      throw new AssertionError(source + ": cannot find " + what + " (/" + regex + "/): update KafkaNames and the KafkaUser ACLs");
    }
    return m.group(1);
  }

  /** The augmenter's consumer group of {@code epoch} for {@code env} (SIMCLR_RUN_ID, optional SIMCLR_AUGMENTER_GROUP_PREFIX). */
  static String augmenterGroup(Map<String, String> env, int epoch) {
    String prefix = env.getOrDefault("SIMCLR_AUGMENTER_GROUP_PREFIX",
        find(LOOP_SETTINGS, "String prefix = [^;]*?: \"([^\"]+)\" \\+ runId;", "the default group prefix") + run(env));
    return prefix + find(LOOP_SETTINGS, "return groupPrefix \\+ \"([^\"]+)\" \\+ epoch;", "the epoch group suffix") + epoch;
  }

  /** The augmenter's transactional.id for pod {@code instance}. */
  static String augmenterTransactionalId(Map<String, String> env, String instance) {
    String prefix = env.getOrDefault("SIMCLR_AUGMENTER_TRANSACTIONAL_ID_PREFIX",
        find(LOOP_SETTINGS, "String txPrefix = [^;]*?: \"([^\"]+)\" \\+ runId;", "the default transactional id prefix") + run(env));
    return prefix + find(LOOP_SETTINGS, "return transactionalIdPrefix \\+ \"([^\"]+)\" \\+ instanceId;",
        "the transactional id separator") + env.getOrDefault("SIMCLR_AUGMENTER_INSTANCE_ID", instance);
  }

  /** The trainer's group as the augmenter's lag gate names it. */
  static String trainerGroupSeenByAugmenter(Map<String, String> env) {
    return env.getOrDefault("SIMCLR_AUGMENTER_TRAINER_GROUP",
        find(LOOP_SETTINGS, "String trainer = [^;]*?: \"([^\"]+)\" \\+ runId;", "the default trainer group") + run(env));
  }

  /** The trainer's own group. */
  static String trainerGroup(Map<String, String> env) {
    return find(TRAINER_SETTINGS, "consumerGroup\\(\\)\\s*\\{\\s*return \"([^\"]+)\" \\+ runId;", "the trainer's group") + run(env);
  }

  /** The evaluator's consumer groups (every incoming channel's group.id, a random UUID for ${quarkus.uuid}). */
  static List<String> evaluatorGroups() {
    List<String> out = new ArrayList<>();
    for (String line : Repo.read(Repo.Service.EVALUATOR.applicationProperties()).split("\n")) {
      Matcher m = Pattern.compile("^mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id=(.+)$").matcher(line.strip());
      if (m.matches()) {
        out.add(m.group(1).strip().replace("${quarkus.uuid}", UUID.randomUUID().toString()));
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
