package dev.simclr.evaluation.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary cache file of a decoded eval set. Layout (big-endian): magic {@code "SCEV"}, version u8 = 1, header length
 * u32, header (UTF-8 JSON: key, name, sourceId, preprocessing, classNames, per split count/height/width/channels), then
 * train pixels, train labels (int32 each), test pixels, test labels, and finally the sha256 (32 bytes) of everything
 * before it.
 */
final class EvalSetFile {

    static final byte[] MAGIC = {'S', 'C', 'E', 'V'};
    static final int VERSION = 1;
    private static final int MAX_HEADER = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSetFile() {}

    /** Writes {@code set} to {@code file} (which should be a temporary name; the caller renames). */
    static void write(EvalSet set, Path file) throws IOException {
        byte[] header = JSON.writeValueAsBytes(header(set));
        MessageDigest sha = Sha256.newDigest();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(raw, sha));
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeInt(header.length);
            out.write(header);
            writeSplit(out, set.train());
            writeSplit(out, set.test());
            out.flush();
            raw.write(sha.digest());
        }
    }

    /**
     * Reads and verifies a cache file.
     *
     * @throws CorruptCache with the reason when the file does not verify or has another key
     */
    static EvalSet read(Path file, String expectedKey) throws IOException {
        long size = Files.size(file);
        MessageDigest sha = Sha256.newDigest();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(new DigestInputStream(raw, sha));
            byte[] magic = in.readNBytes(4);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptCache("bad magic");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new CorruptCache("unknown version " + version);
            }
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                throw new CorruptCache("header length " + headerLength + " out of range");
            }
            JsonNode h = JSON.readTree(in.readNBytes(headerLength));
            if (!expectedKey.equals(text(h, "key"))) {
                throw new CorruptCache("key " + text(h, "key") + " differs from " + expectedKey);
            }
            Preprocessing p = preprocessing(h.path("preprocessing"));
            int[] train = shape(h.path("train"));
            int[] test = shape(h.path("test"));
            long expected = 4 + 1 + 4 + headerLength + splitBytes(train) + splitBytes(test) + 32;
            if (size != expected) {
                throw new CorruptCache("file is " + size + " bytes, header implies " + expected);
            }
            LabelledImages trainImages = readSplit(in, train);
            LabelledImages testImages = readSplit(in, test);
            byte[] digest = sha.digest();
            if (!Arrays.equals(digest, raw.readNBytes(32))) {
                throw new CorruptCache("sha256 mismatch");
            }
            List<String> names = new ArrayList<>();
            h.path("classNames").forEach(n -> names.add(n.asText()));
            try {
                return new EvalSet(text(h, "name"), text(h, "sourceId"), p, names, trainImages, testImages);
            } catch (IllegalArgumentException e) {
                throw new CorruptCache("inconsistent content: " + e.getMessage());
            }
        }
    }

    private static ObjectNode header(EvalSet set) {
        ObjectNode h = JSON.createObjectNode();
        h.put("key", set.cacheKey());
        h.put("name", set.name());
        h.put("sourceId", set.sourceId());
        ObjectNode p = h.putObject("preprocessing");
        p.put("height", set.preprocessing().height());
        p.put("width", set.preprocessing().width());
        p.put("channels", set.preprocessing().channels());
        p.put("mode", set.preprocessing().mode().name());
        ArrayNode names = h.putArray("classNames");
        set.classNames().forEach(names::add);
        shape(h.putObject("train"), set.train());
        shape(h.putObject("test"), set.test());
        return h;
    }

    private static void shape(ObjectNode o, LabelledImages s) {
        o.put("count", s.count());
        o.put("height", s.height());
        o.put("width", s.width());
        o.put("channels", s.channels());
    }

    private static int[] shape(JsonNode o) {
        int[] s = {
            o.path("count").asInt(-1),
            o.path("height").asInt(-1),
            o.path("width").asInt(-1),
            o.path("channels").asInt(-1)
        };
        for (int v : s) {
            if (v < 1) {
                throw new CorruptCache("bad split shape in header: " + o);
            }
        }
        if ((long) s[0] * s[1] * s[2] * s[3] > Integer.MAX_VALUE - 8) {
            throw new CorruptCache("split too large in header: " + o);
        }
        return s;
    }

    private static Preprocessing preprocessing(JsonNode o) {
        try {
            return new Preprocessing(
                    o.path("height").asInt(-1),
                    o.path("width").asInt(-1),
                    o.path("channels").asInt(-1),
                    ResizeMode.valueOf(o.path("mode").asText("")));
        } catch (IllegalArgumentException e) {
            throw new CorruptCache("bad preprocessing in header: " + e.getMessage());
        }
    }

    private static long splitBytes(int[] s) {
        return (long) s[0] * s[1] * s[2] * s[3] + 4L * s[0];
    }

    private static void writeSplit(DataOutputStream out, LabelledImages s) throws IOException {
        out.write(s.pixels());
        for (int label : s.labels()) {
            out.writeInt(label);
        }
    }

    private static LabelledImages readSplit(DataInputStream in, int[] s) throws IOException {
        byte[] pixels = new byte[s[0] * s[1] * s[2] * s[3]];
        in.readFully(pixels);
        byte[] raw = new byte[4 * s[0]];
        in.readFully(raw);
        int[] labels = new int[s[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ((raw[4 * i] & 0xFF) << 24)
                    | ((raw[4 * i + 1] & 0xFF) << 16)
                    | ((raw[4 * i + 2] & 0xFF) << 8)
                    | (raw[4 * i + 3] & 0xFF);
        }
        try {
            return new LabelledImages(s[1], s[2], s[3], pixels, labels);
        } catch (IllegalArgumentException e) {
            throw new CorruptCache(e.getMessage());
        }
    }

    private static String text(JsonNode h, String field) {
        JsonNode n = h.get(field);
        if (n == null || !n.isTextual()) {
            throw new CorruptCache("header field " + field + " missing");
        }
        return n.asText();
    }

    /** A cache file that does not verify; the message is the reason. */
    static final class CorruptCache extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptCache(String reason) {
            super(reason);
        }
    }
}
