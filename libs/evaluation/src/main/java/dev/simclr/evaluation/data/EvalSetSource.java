package dev.simclr.evaluation.data;

/**
 * Where a labelled evaluation set comes from ({@link FashionMnist}, {@link ManifestSource}); {@link
 * EvalSetCache} keys its files by {@link #identity()} and the {@link Preprocessing}.
 */
public interface EvalSetSource {

  /** The eval-set name, e.g. {@code fashion-mnist} (see {@link EvalSet#requireName}). */
  String name();

  /**
   * A stable identity of the source bytes: equal identities must mean equal images and labels
   * (e.g. a sha256 of the data files or of the manifest).
   *
   * @throws EvalSetException when the source cannot be read
   */
  String identity();

  /**
   * Reads, decodes and preprocesses the whole set.
   *
   * @throws EvalSetException naming the file, line or URI and the reason
   */
  EvalSet load(Preprocessing preprocessing);
}
