package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One S3 identity per service with only its rights (S3Access's matrix), served by SeaweedFS from the same keys the
 * services get: in docker-compose.yml through shared variables, in Kubernetes through one Secret per service.
 */
class S3IdentitiesTest {

    static Stream<String> seaweedfsOverlays() {
        return Rendered.OVERLAYS.stream().filter(o -> !o.equals("external-s3"));
    }

    /** Keys for every identity, as a test environment for the script. */
    static Map<String, String> keys() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String id : S3Access.IDENTITIES) {
            String up = id.toUpperCase(Locale.ROOT);
            env.put("S3_" + up + "_ACCESS_KEY", id + "-key");
            env.put("S3_" + up + "_SECRET_KEY", id + "/secret+" + up.length() + "=");
        }
        return env;
    }

    static List<String> violations(SeaweedFsIdentities ids, String run, String bucket, String data) {
        List<String> out = new ArrayList<>();
        for (S3Access.Expectation e : S3Access.matrix(run, bucket, data)) {
            if (ids.allows(e.identity(), e.op()) != e.allowed()) {
                out.add(e.identity() + (e.allowed() ? " must be allowed " : " must be denied ") + e.op() + " (actions "
                        + ids.get(e.identity()).actions() + ")");
            }
        }
        return out;
    }

    @Test
    void everyIdentityHasOnlyItsRights() {
        Map<String, String> env = keys();
        env.put("SIMCLR_RUN_ID", "run-7");
        env.put("SIMCLR_BUCKET", "ckpt");
        env.put("SIMCLR_DATA_BUCKET", "images");
        SeaweedFsIdentities.Run r = SeaweedFsIdentities.generate(env);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.identities().all().keySet())
                .as("no admin without its keys")
                .containsExactlyInAnyOrderElementsOf(S3Access.IDENTITIES);
        assertThat(violations(r.identities(), "run-7", "ckpt", "images")).isEmpty();
        for (String id : S3Access.IDENTITIES) {
            String up = id.toUpperCase(Locale.ROOT);
            assertThat(r.identities().get(id).accessKey()).isEqualTo(env.get("S3_" + up + "_ACCESS_KEY"));
            assertThat(r.identities().get(id).secretKey()).isEqualTo(env.get("S3_" + up + "_SECRET_KEY"));
            assertThat(r.stderr())
                    .as("the script never prints a secret")
                    .doesNotContain(env.get("S3_" + up + "_SECRET_KEY"));
        }
    }

    @Test
    void theMatrixCatchesAWrongRight() {
        // The checks themselves: a trainer allowed to write every run, an augmenter allowed to write.
        SeaweedFsIdentities wrong = SeaweedFsIdentities.parse("""
        {"identities": [
          {"name": "augmenter", "credentials": [{"accessKey": "a", "secretKey": "a"}], "actions": ["Read:images", "Write:images"]},
          {"name": "trainer", "credentials": [{"accessKey": "t", "secretKey": "t"}], "actions": ["Read:ckpt", "List:ckpt", "Write:ckpt"]},
          {"name": "evaluator", "credentials": [{"accessKey": "e", "secretKey": "e"}], "actions": ["Admin:ckpt"]},
          {"name": "client", "credentials": [{"accessKey": "c", "secretKey": "c"}], "actions": ["Admin"]}]}
        """);
        assertThat(violations(wrong, "run-7", "ckpt", "images"))
                .anySatisfy(v -> assertThat(v).startsWith("augmenter must be denied PUT s3://images/images/cat.png"))
                .anySatisfy(v ->
                        assertThat(v).startsWith("trainer must be denied PUT s3://ckpt/" + S3Access.OTHER_RUN + "/"))
                .anySatisfy(v ->
                        assertThat(v).startsWith("evaluator must be denied PUT s3://ckpt/run-7/step-500/manifest.json"))
                .anySatisfy(v -> assertThat(v).startsWith("client must be denied CREATE_BUCKET s3://ckpt/"));
    }

    @Test
    void theScriptRefusesUnsafeOrSharedKeysWithoutPrintingThem() {
        Map<String, String> env = keys();
        env.put("SIMCLR_RUN_ID", "main");
        env.put("S3_TRAINER_SECRET_KEY", "with\"quote");
        SeaweedFsIdentities.Run quote = SeaweedFsIdentities.generate(env);
        assertThat(quote.exitCode()).isNotZero();
        assertThat(quote.stderr())
                .contains("S3_TRAINER_SECRET_KEY may contain only")
                .doesNotContain("with\"quote");

        env = keys();
        env.put("SIMCLR_RUN_ID", "main");
        env.put("S3_EVALUATOR_ACCESS_KEY", env.get("S3_TRAINER_ACCESS_KEY"));
        SeaweedFsIdentities.Run shared = SeaweedFsIdentities.generate(env);
        assertThat(shared.exitCode()).isNotZero();
        assertThat(shared.stderr()).contains("S3_EVALUATOR_ACCESS_KEY is the access key of another identity");

        env = keys();
        env.put("SIMCLR_RUN_ID", "main");
        env.remove("S3_CLIENT_SECRET_KEY");
        SeaweedFsIdentities.Run missing = SeaweedFsIdentities.generate(env);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("S3_CLIENT_SECRET_KEY is not set");

        env = keys();
        SeaweedFsIdentities.Run noRun = SeaweedFsIdentities.generate(env);
        assertThat(noRun.exitCode()).isNotZero();
        assertThat(noRun.stderr()).contains("SIMCLR_RUN_ID is not set");
    }

    @Test
    void composeGivesEachServiceItsOwnIdentity() {
        Compose compose = Compose.resolved();
        Map<String, String> server = compose.environment("seaweedfs");
        SeaweedFsIdentities.Run r = SeaweedFsIdentities.generate(server);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String run = server.get("SIMCLR_RUN_ID");
        String bucket = server.get("SIMCLR_BUCKET");
        String data = server.get("SIMCLR_DATA_BUCKET");
        assertThat(violations(r.identities(), run, bucket, data)).isEmpty();
        assertThat(r.identities().all())
                .as("an admin identity for the operator")
                .containsKey("admin");
        Set<String> accessKeys = new HashSet<>();
        for (Repo.Service s : Repo.Service.values()) {
            Map<String, String> env = compose.environment(s.module);
            SeaweedFsIdentities.Identity id = r.identities().get(s.component);
            assertThat(env.get("SIMCLR_S3_ACCESS_KEY"))
                    .as("%s uses the %s identity", s.module, s.component)
                    .isEqualTo(id.accessKey());
            assertThat(env.get("SIMCLR_S3_SECRET_KEY"))
                    .as("%s secret", s.module)
                    .isEqualTo(id.secretKey());
            assertThat(env.get("SIMCLR_S3_ENDPOINT")).isEqualTo("http://seaweedfs:8333");
            accessKeys.add(id.accessKey());
        }
        assertThat(accessKeys).as("three services, three identities").hasSize(3);
        assertThat(compose.environment("trainer-service"))
                .containsEntry("SIMCLR_RUN_ID", run)
                .containsEntry("SIMCLR_TRAINER_BUCKET", bucket);
        assertThat(compose.environment("evaluator-service")).containsEntry("SIMCLR_EVALUATOR_BUCKET", bucket);
        assertThat(bucket).as("the services' bucket and the data bucket differ").isNotEqualTo(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seaweedfsOverlays")
    void theClusterServerServesThePerServiceSecrets(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        Rendered.Workload server = Rendered.workloads(m).stream()
                .filter(w -> w.owner().getMetadata().getName().equals("simclr-seaweedfs"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + overlay + " has no StatefulSet simclr-seaweedfs"));
        Container c = server.pod().getContainers().get(0);
        Map<String, String> env = Rendered.environment(m, c);
        for (Repo.Service s : Repo.Service.values()) {
            Map<String, String> svc = Rendered.environment(m, Rendered.container(m, s));
            String up = s.component.toUpperCase(Locale.ROOT);
            assertThat(svc.get("SIMCLR_S3_ACCESS_KEY"))
                    .as("%s reads its own Secret", s.module)
                    .isEqualTo("secret:simclr-" + s.component + "-s3/access-key");
            assertThat(svc.get("SIMCLR_S3_SECRET_KEY")).isEqualTo("secret:simclr-" + s.component + "-s3/secret-key");
            assertThat(env.get("S3_" + up + "_ACCESS_KEY"))
                    .as("the server's %s identity = the service's Secret", s.component)
                    .isEqualTo(svc.get("SIMCLR_S3_ACCESS_KEY"));
            assertThat(env.get("S3_" + up + "_SECRET_KEY")).isEqualTo(svc.get("SIMCLR_S3_SECRET_KEY"));
        }
        assertThat(env.get("S3_CLIENT_ACCESS_KEY")).isEqualTo("secret:simclr-client-s3/access-key");
        Map<String, String> trainer = Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER));
        Map<String, String> evaluator = Rendered.environment(m, Rendered.container(m, Repo.Service.EVALUATOR));
        String run = Rendered.configMapValue(m, env.get("SIMCLR_RUN_ID"));
        String bucket = Rendered.configMapValue(m, env.get("SIMCLR_BUCKET"));
        String data = Rendered.configMapValue(m, env.get("SIMCLR_DATA_BUCKET"));
        assertThat(run).as("the trainer's run").isEqualTo(trainer.get("SIMCLR_RUN_ID"));
        assertThat(bucket)
                .as("the trainer's bucket")
                .isEqualTo(trainer.get("SIMCLR_TRAINER_BUCKET"))
                .as("the evaluator's bucket")
                .isEqualTo(evaluator.get("SIMCLR_EVALUATOR_BUCKET"));
        Container fetch = Rendered.service(m, Repo.Service.EVALUATOR)
                .pod()
                .getInitContainers()
                .get(0);
        assertThat(Rendered.environment(m, fetch))
                .as("the eval-set download uses the server's data bucket")
                .containsEntry("SIMCLR_DATA_BUCKET", data)
                .containsEntry("AWS_ACCESS_KEY_ID", "secret:simclr-evaluator-s3/access-key")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "secret:simclr-evaluator-s3/secret-key");

        ConfigMap script = m.of(ConfigMap.class).stream()
                .filter(cm -> cm.getMetadata().getName().startsWith("simclr-seaweedfs-identities"))
                .findFirst()
                .orElseThrow();
        assertThat(script.getData().get("s3-identities.sh")).isEqualTo(Repo.read(SeaweedFsIdentities.SCRIPT));
        Map<String, String> scriptEnv = keys();
        scriptEnv.put("SIMCLR_RUN_ID", run);
        scriptEnv.put("SIMCLR_BUCKET", bucket);
        scriptEnv.put("SIMCLR_DATA_BUCKET", data);
        SeaweedFsIdentities.Run r = SeaweedFsIdentities.generate(scriptEnv);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(violations(r.identities(), run, bucket, data)).isEmpty();
    }
}
