package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.RunLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS IAM policy examples of docs/deploy.md grant each service exactly the S3 access matrix. */
class IamPoliciesTest {

    private static List<String> violations(Map<String, JsonNode> policies, String run, String bucket, String data) {
        List<String> out = new ArrayList<>();
        for (S3Access.Expectation e : S3Access.matrix(run, bucket, data)) {
            JsonNode policy = policies.get(e.identity());
            if (policy == null) {
                out.add("no IAM policy for " + e.identity());
            } else if (IamPolicies.allows(policy, e.op()) != e.allowed()) {
                out.add(e.identity() + (e.allowed() ? " must be allowed " : " must be denied ") + e.op());
            }
        }
        return out;
    }

    @Test
    void theDocumentedPoliciesGrantTheMatrixForTheExternalS3Overlay() {
        Map<String, JsonNode> policies = IamPolicies.in(Repo.read(Repo.root().resolve("docs/deploy.md")));
        assertThat(policies.keySet()).containsExactlyInAnyOrderElementsOf(S3Access.IDENTITIES);
        Manifests m = Rendered.overlay("external-s3");
        Map<String, String> trainer = Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER));
        Map<String, String> evaluator = Rendered.environment(m, Rendered.container(m, Repo.Service.EVALUATOR));
        String data = Rendered.environment(
                        m,
                        Rendered.service(m, Repo.Service.EVALUATOR)
                                .pod()
                                .getInitContainers()
                                .get(0))
                .get("SIMCLR_DATA_BUCKET");
        String bucket = trainer.get("SIMCLR_TRAINER_BUCKET");
        assertThat(evaluator.get("SIMCLR_EVALUATOR_BUCKET")).isEqualTo(bucket);
        assertThat(violations(policies, trainer.get("SIMCLR_RUN_ID"), bucket, data))
                .isEmpty();
    }

    @Test
    void aTooBroadOrTooNarrowPolicyFails() {
        Map<String, JsonNode> wrong = IamPolicies.in("""
        <!-- iam-policy: trainer -->
        ```json
        {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::simclr", "arn:aws:s3:::simclr/*"]}]}
        ```
        <!-- iam-policy: evaluator -->
        ```json
        {"Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": ["arn:aws:s3:::simclr", "arn:aws:s3:::simclr/*"]},
                       {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::simclr/*"},
                       {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::simclr/*/reference.json"}]}
        ```
        """);
        List<String> v = violations(wrong, "main", "simclr", "simclr-data");
        assertThat(v)
                .contains("no IAM policy for augmenter", "no IAM policy for client")
                .contains("trainer must be denied PUT s3://simclr/" + RunLayout.lease(S3Access.OTHER_RUN))
                .contains("trainer must be denied CREATE_BUCKET s3://simclr/")
                .contains("evaluator must be denied PUT s3://simclr/main/step-500/manifest.json")
                .contains("evaluator must be allowed PUT s3://simclr/" + RunLayout.reference("main"))
                .contains(
                        "evaluator must be allowed GET s3://simclr-data/eval-sets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
    }
}
