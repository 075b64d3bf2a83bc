package dev.simclr.launcher.images;

import java.nio.file.Path;

/**
 * One checked line of a JSON-lines manifest: a local file ({@code "path"}, relative to the
 * manifest, or a {@code file://} URI) or another URI, with the optional record fields.
 *
 * @param line 1-based line number in the manifest
 * @param file the local file (null for a non-file URI)
 * @param uri the URI as written (null for a {@code "path"})
 * @param label label or null
 * @param split split or null
 * @param id image id or null
 * @param dataset dataset or null
 */
public record ManifestEntry(int line, Path file, String uri, Integer label, String split, String id, String dataset) {

  /** Whether the entry names a local file. */
  public boolean isFile() {
    return file != null;
  }
}
