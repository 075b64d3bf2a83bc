package dev.simclr.evaluation.data;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.ImageRef;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * One line of an eval-set manifest: {@code {"uri": "...", "label": 3, "split": "train"}} (the
 * {@link ImageRef} JSON form; other fields are ignored).
 *
 * @param line 1-based line number, for error messages
 * @param uri where the image bytes are
 * @param label class label, {@code >= 0}
 * @param train true for the train split, false for test
 */
record ManifestEntry(int line, URI uri, int label, boolean train) {

  /** Parses one non-blank line. */
  static ManifestEntry parse(int line, String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      throw new EvalSetException("manifest line " + line
          + ": expected a JSON object {\"uri\",\"label\",\"split\"}, got: " + clip(trimmed));
    }
    ImageRef ref;
    try {
      ref = ImageRef.parse(trimmed);
    } catch (ContractException e) {
      throw new EvalSetException("manifest line " + line + ": " + e.getMessage());
    }
    if (ref.label() == null) {
      throw new EvalSetException("manifest line " + line + ": \"label\" is required");
    }
    if (!"train".equals(ref.split()) && !"test".equals(ref.split())) {
      throw new EvalSetException("manifest line " + line
          + ": \"split\" must be \"train\" or \"test\", got " + ref.split());
    }
    try {
      return new ManifestEntry(line, new URI(ref.uri()), ref.label(), "train".equals(ref.split()));
    } catch (URISyntaxException e) {
      throw new EvalSetException("manifest line " + line + ": invalid URI (" + e.getMessage()
          + ")");
    }
  }

  /** A line of a sample whose label and split do not matter (label 0). */
  static ManifestEntry unlabelled(int line, ImageRef ref) {
    try {
      return new ManifestEntry(line, new URI(ref.uri()), 0, false);
    } catch (URISyntaxException e) {
      throw new EvalSetException("manifest line " + line + ": invalid URI (" + e.getMessage() + ")");
    }
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
