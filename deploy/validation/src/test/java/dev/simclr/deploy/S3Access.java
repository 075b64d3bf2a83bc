package dev.simclr.deploy;

import dev.simclr.contracts.CheckpointManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 access matrix of the pipeline: which identity may do what on which bucket and key. One
 * matrix, checked against every form the rights are written in (SeaweedFS identities for compose and
 * the in-cluster server, AWS IAM policies in docs/deploy.md for an external S3). Object names come
 * from the code that writes them: the evaluator's {@code ArtefactLayout}, the trainer's lease, the
 * checkpoint manifest of libs/contracts.
 */
final class S3Access {

  /** An S3 request. For LIST the key is the prefix. */
  enum Kind { GET, PUT, DELETE, LIST, HEAD_BUCKET, CREATE_BUCKET }

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

  /** A file name constant of the evaluator's ArtefactLayout, read from its source. */
  static String artefact(String constant) {
    return constant(Repo.Service.EVALUATOR.dir().resolve(
        "src/main/java/dev/simclr/evaluator/pipeline/ArtefactLayout.java"), constant);
  }

  /** The object name of the trainer's run lease ({@code <run>/LEASE}), read from its source. */
  static String lease() {
    return constant(Repo.Service.TRAINER.dir().resolve(
        "src/main/java/dev/simclr/trainer/checkpoint/S3LeaseStore.java"), "NAME");
  }

  private static String constant(java.nio.file.Path source, String name) {
    Matcher m = Pattern.compile("static final String " + Pattern.quote(name) + "\\s*=\\s*\"([^\"]+)\"")
        .matcher(JavaSource.withoutComments(Repo.read(source)));
    if (!m.find()) {
      throw new AssertionError(source + " has no String constant " + name);
    }
    return m.group(1);
  }

  /**
   * The matrix for a deployment whose trainer trains {@code run} into {@code bucket}, with images and
   * evaluation sets in {@code data}.
   */
  static List<Expectation> matrix(String run, String bucket, String data) {
    String step = run + "/step-500/";
    String manifest = step + CheckpointManifest.FILE_NAME;
    String parameters = step + "parameters.djl";
    String image = "images/cat.png";
    String evalSet = "eval-sets/fashion-mnist/";
    String heldOut = "eval-sets/" + run + "/";
    List<Expectation> out = new ArrayList<>();
    Builder b = new Builder(out);

    b.who("augmenter")
        .allow(Kind.HEAD_BUCKET, data, "").allow(Kind.GET, data, image)
        .deny(Kind.PUT, data, image).deny(Kind.DELETE, data, image).deny(Kind.CREATE_BUCKET, data, "")
        .deny(Kind.GET, bucket, manifest).deny(Kind.PUT, bucket, run + "/" + lease()).deny(Kind.LIST, bucket, "");

    b.who("trainer")
        .allow(Kind.HEAD_BUCKET, bucket, "").allow(Kind.LIST, bucket, run + "/")
        .allow(Kind.GET, bucket, manifest).allow(Kind.PUT, bucket, manifest).allow(Kind.PUT, bucket, parameters)
        .allow(Kind.PUT, bucket, run + "/" + lease()).allow(Kind.DELETE, bucket, run + "/" + lease())
        .deny(Kind.PUT, bucket, OTHER_RUN + "/" + lease()).deny(Kind.PUT, bucket, OTHER_RUN + "/step-500/" + CheckpointManifest.FILE_NAME)
        .deny(Kind.DELETE, bucket, OTHER_RUN + "/step-500/" + CheckpointManifest.FILE_NAME)
        .deny(Kind.PUT, bucket, "top-level-object").deny(Kind.CREATE_BUCKET, bucket, "")
        .deny(Kind.GET, data, image).deny(Kind.PUT, data, image);

    b.who("evaluator")
        .allow(Kind.HEAD_BUCKET, bucket, "").allow(Kind.LIST, bucket, "")
        .allow(Kind.GET, bucket, manifest).allow(Kind.GET, bucket, OTHER_RUN + "/step-500/" + CheckpointManifest.FILE_NAME)
        .allow(Kind.PUT, bucket, step + artefact("EVAL")).allow(Kind.PUT, bucket, step + artefact("ONNX"))
        .allow(Kind.PUT, bucket, step + artefact("EMBEDDING")).allow(Kind.PUT, bucket, run + "/" + artefact("REFERENCE"))
        .allow(Kind.GET, data, evalSet + "t10k-labels-idx1-ubyte.gz").allow(Kind.LIST, data, evalSet)
        // the run's held-out images and their manifest, as `simclr import` lays them out (Holdout)
        .allow(Kind.GET, data, heldOut + "holdout.jsonl").allow(Kind.GET, data, heldOut + "pets/cat/001.jpg")
        .deny(Kind.PUT, data, heldOut + "holdout.jsonl")
        .deny(Kind.PUT, bucket, manifest).deny(Kind.PUT, bucket, parameters).deny(Kind.DELETE, bucket, manifest)
        .deny(Kind.PUT, bucket, run + "/" + lease()).deny(Kind.CREATE_BUCKET, bucket, "")
        .deny(Kind.PUT, data, evalSet + "t10k-labels-idx1-ubyte.gz").deny(Kind.GET, data, image);

    b.who("client")
        .allow(Kind.HEAD_BUCKET, data, "").allow(Kind.PUT, data, image).allow(Kind.GET, data, image).allow(Kind.LIST, data, "")
        .allow(Kind.PUT, data, heldOut + "holdout.jsonl").allow(Kind.PUT, data, heldOut + "pets/cat/001.jpg")
        .allow(Kind.HEAD_BUCKET, bucket, "").allow(Kind.LIST, bucket, "").allow(Kind.GET, bucket, step + artefact("ONNX"))
        .deny(Kind.PUT, bucket, step + artefact("ONNX")).deny(Kind.PUT, bucket, run + "/" + lease())
        .deny(Kind.DELETE, bucket, manifest).deny(Kind.CREATE_BUCKET, bucket, "").deny(Kind.CREATE_BUCKET, data, "");
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
