package dev.simclr.deploy;

import dev.simclr.contracts.RunLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 access matrix of the pipeline: which identity may do what on which bucket and key. One matrix, checked against
 * every form the rights are written in (SeaweedFS identities for compose and the in-cluster server, AWS IAM policies in
 * docs/deploy.md for an external S3). Object names come from {@link RunLayout}, the layout the trainer, the evaluator
 * and the launcher use.
 */
final class S3Access {

    /** An S3 request. For LIST the key is the prefix. */
    enum Kind {
        GET,
        PUT,
        DELETE,
        LIST,
        HEAD_BUCKET,
        CREATE_BUCKET
    }

    /** One request on {@code bucket}/{@code key}. */
    record Op(Kind kind, String bucket, String key) {
        @Override
        public String toString() {
            return kind + " s3://" + bucket + "/" + key;
        }
    }

    /** Whether {@code identity} may perform {@code op}. */
    record Expectation(String identity, Op op, boolean allowed) {}

    /** The identities that must exist: the three services and the client of a user. */
    static final List<String> IDENTITIES = List.of("augmenter", "trainer", "evaluator", "client");

    /** Another run than the trainer's, whose checkpoints the trainer must not touch. */
    static final String OTHER_RUN = "another-run";

    private S3Access() {}

    /**
     * The matrix for a deployment whose trainer trains {@code run} into {@code bucket}, with images and evaluation sets
     * in {@code data}.
     */
    static List<Expectation> matrix(String run, String bucket, String data) {
        String step = RunLayout.step(run, 500);
        String manifest = RunLayout.manifest(run, 500);
        String parameters = step + "parameters.djl";
        String image = "images/cat.png";
        String evalSet = "eval-sets/fashion-mnist/";
        String heldOut = "eval-sets/" + run + "/";
        List<Expectation> out = new ArrayList<>();
        Builder b = new Builder(out);

        b.who("augmenter")
                .allow(Kind.HEAD_BUCKET, data, "")
                .allow(Kind.GET, data, image)
                .deny(Kind.PUT, data, image)
                .deny(Kind.DELETE, data, image)
                .deny(Kind.CREATE_BUCKET, data, "")
                .deny(Kind.GET, bucket, manifest)
                .deny(Kind.PUT, bucket, RunLayout.lease(run))
                .deny(Kind.LIST, bucket, "");

        b.who("trainer")
                .allow(Kind.HEAD_BUCKET, bucket, "")
                .allow(Kind.LIST, bucket, run + "/")
                .allow(Kind.GET, bucket, manifest)
                .allow(Kind.PUT, bucket, manifest)
                .allow(Kind.PUT, bucket, parameters)
                .allow(Kind.PUT, bucket, RunLayout.lease(run))
                .allow(Kind.DELETE, bucket, RunLayout.lease(run))
                .deny(Kind.PUT, bucket, RunLayout.lease(OTHER_RUN))
                .deny(Kind.PUT, bucket, RunLayout.manifest(OTHER_RUN, 500))
                .deny(Kind.DELETE, bucket, RunLayout.manifest(OTHER_RUN, 500))
                .deny(Kind.PUT, bucket, "top-level-object")
                .deny(Kind.CREATE_BUCKET, bucket, "")
                .deny(Kind.GET, data, image)
                .deny(Kind.PUT, data, image);

        b.who("evaluator")
                .allow(Kind.HEAD_BUCKET, bucket, "")
                .allow(Kind.LIST, bucket, "")
                .allow(Kind.GET, bucket, manifest)
                .allow(Kind.GET, bucket, RunLayout.manifest(OTHER_RUN, 500))
                .allow(Kind.PUT, bucket, step + RunLayout.EVAL)
                .allow(Kind.PUT, bucket, step + RunLayout.ONNX)
                .allow(Kind.PUT, bucket, step + RunLayout.EMBEDDING)
                .allow(Kind.PUT, bucket, RunLayout.reference(run))
                .allow(Kind.GET, data, evalSet + "t10k-labels-idx1-ubyte.gz")
                .allow(Kind.LIST, data, evalSet)
                // the run's held-out images and their manifest, as `simclr import` lays them out (Holdout)
                .allow(Kind.GET, data, heldOut + "holdout.jsonl")
                .allow(Kind.GET, data, heldOut + "pets/cat/001.jpg")
                .deny(Kind.PUT, data, heldOut + "holdout.jsonl")
                .deny(Kind.PUT, bucket, manifest)
                .deny(Kind.PUT, bucket, parameters)
                .deny(Kind.DELETE, bucket, manifest)
                .deny(Kind.PUT, bucket, RunLayout.lease(run))
                .deny(Kind.CREATE_BUCKET, bucket, "")
                .deny(Kind.PUT, data, evalSet + "t10k-labels-idx1-ubyte.gz")
                .deny(Kind.GET, data, image);

        b.who("client")
                .allow(Kind.HEAD_BUCKET, data, "")
                .allow(Kind.PUT, data, image)
                .allow(Kind.GET, data, image)
                .allow(Kind.LIST, data, "")
                .allow(Kind.PUT, data, heldOut + "holdout.jsonl")
                .allow(Kind.PUT, data, heldOut + "pets/cat/001.jpg")
                .allow(Kind.HEAD_BUCKET, bucket, "")
                .allow(Kind.LIST, bucket, "")
                .allow(Kind.GET, bucket, step + RunLayout.ONNX)
                .deny(Kind.PUT, bucket, step + RunLayout.ONNX)
                .deny(Kind.PUT, bucket, RunLayout.lease(run))
                .deny(Kind.DELETE, bucket, manifest)
                .deny(Kind.CREATE_BUCKET, bucket, "")
                .deny(Kind.CREATE_BUCKET, data, "");
        return out;
    }

    private static final class Builder {
        private final List<Expectation> out;
        private String identity;

        Builder(List<Expectation> out) {
            this.out = out;
        }

        Builder who(String id) {
            this.identity = id;
            return this;
        }

        Builder allow(Kind kind, String bucket, String key) {
            out.add(new Expectation(identity, new Op(kind, bucket, key), true));
            return this;
        }

        Builder deny(Kind kind, String bucket, String key) {
            out.add(new Expectation(identity, new Op(kind, bucket, key), false));
            return this;
        }
    }
}
