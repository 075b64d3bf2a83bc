package dev.simclr.launcher.images;

import dev.simclr.launcher.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Picks the reader for an import argument: an IDX directory, an image directory or a manifest. */
public final class ImportSources {

    /** What kind of source an argument is. */
    public enum Kind {
        /** IDX image/label files. */
        IDX,
        /** A directory of image files. */
        DIRECTORY,
        /** A JSON-lines manifest. */
        MANIFEST
    }

    private ImportSources() {}

    /**
     * The kind of {@code source}.
     *
     * @throws UserException when it does not exist or is none of the three
     */
    public static Kind kind(Path source) {
        if (!Files.exists(source)) {
            throw new UserException(source + ": no such file or directory");
        }
        if (Files.isDirectory(source)) {
            return IdxSource.isIdxDirectory(source) ? Kind.IDX : Kind.DIRECTORY;
        }
        if (source.getFileName().toString().matches(".+-images[.-]idx3-ubyte(\\.gz)?")) {
            throw new UserException(source + ": pass the directory holding the IDX files, not one file");
        }
        if (ManifestSource.isManifest(source)) {
            return Kind.MANIFEST;
        }
        throw new UserException(source + ": not a directory, an IDX directory or a JSON-lines manifest"
                + " (one {\"uri\"|\"path\", \"label\"?, \"split\"?} object per line)");
    }

    /**
     * The images of {@code source}.
     *
     * @throws UserException with the reason when the source cannot be read
     */
    public static List<ImportItem> items(Path source, ImportOptions options) {
        Kind kind = kind(source);
        try {
            return switch (kind) {
                case IDX -> IdxSource.items(source, options);
                case DIRECTORY -> DirectorySource.items(source, options);
                case MANIFEST -> ManifestSource.items(source, options);
            };
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }
}
