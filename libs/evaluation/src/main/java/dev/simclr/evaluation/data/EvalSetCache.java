package dev.simclr.evaluation.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of decoded eval sets, so that the second evaluation does not fetch and decode again. One file per (source
 * identity, preprocessing) — see {@link EvalSet#cacheKey()} — named {@code <name>-<first 16 hex of the key>.evalset},
 * written to a temporary file and renamed atomically, and verified (header, length, sha256) on every read. A file that
 * does not verify is logged (WARN), deleted and rebuilt from the source. Safe for concurrent readers and writers (last
 * rename wins; both files are equal).
 */
public final class EvalSetCache {

    private static final Logger LOG = LoggerFactory.getLogger(EvalSetCache.class);

    private final Path dir;

    /** A cache in {@code dir} (created on first write). */
    public EvalSetCache(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("eval-set cache directory is required");
        }
        this.dir = dir;
    }

    /** The cache directory. */
    public Path dir() {
        return dir;
    }

    /** The file that holds (or would hold) the set of this name and key. */
    public Path file(String name, String cacheKey) {
        return dir.resolve(EvalSet.requireName(name) + "-" + cacheKey.substring(0, 16) + ".evalset");
    }

    /**
     * The source's eval set for this preprocessing: from the cache when a verified file exists, else loaded from the
     * source and written to the cache.
     *
     * @throws EvalSetException when the source fails, or the cache cannot be written
     */
    public EvalSet load(EvalSetSource source, Preprocessing preprocessing) {
        String key = EvalSet.cacheKey(source.identity(), preprocessing);
        Path file = file(source.name(), key);
        if (Files.exists(file)) {
            long t0 = System.nanoTime();
            try {
                EvalSet set = EvalSetFile.read(file, key);
                LOG.info(
                        "eval set {} read from cache {} in {} ms",
                        set.identity(),
                        file,
                        (System.nanoTime() - t0) / 1_000_000);
                return set;
            } catch (EvalSetFile.CorruptCache | EOFException | JsonProcessingException e) {
                LOG.warn(
                        "eval-set cache file {} is corrupt ({}); rebuilding it from {}",
                        file,
                        reasonOf(e),
                        source.name());
                deleteQuietly(file);
            } catch (IOException e) {
                LOG.warn("eval-set cache file {} cannot be read ({}); rebuilding it from {}", file, e, source.name());
                deleteQuietly(file);
            }
        }
        EvalSet set = source.load(preprocessing);
        store(set, file);
        return set;
    }

    private void store(EvalSet set, Path file) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            EvalSetFile.write(set, tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("eval set {} cached in {} ({} bytes)", set.identity(), file, Files.size(file));
        } catch (IOException e) {
            throw new EvalSetException("cannot write eval-set cache " + file + " (" + e + ")", e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static String reasonOf(Exception e) {
        if (e instanceof EOFException) {
            return "truncated";
        }
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {} ({})", file, e.toString());
        }
    }
}
