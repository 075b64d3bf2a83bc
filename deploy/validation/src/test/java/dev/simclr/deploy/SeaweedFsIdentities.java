package dev.simclr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SeaweedFS's S3 identities as deploy/seaweedfs/s3-identities.sh writes them, and the authorisation rule of SeaweedFS's
 * S3 gateway for identities with plain actions ({@code Identity.CanDo} in weed/s3api/auth_credentials.go, 4.x): "Admin"
 * allows everything; an action without a resource allows it everywhere; "Action:bucket" allows it on the whole bucket;
 * a pattern with * or ? is matched against "Action:bucket/key" (also "Admin:bucket/key"), * matching any characters
 * including '/'. Object reads and HeadObject are Read, puts and deletes Write, listings List (with the prefix as the
 * key), HeadBucket Read on the bucket, CreateBucket Admin.
 */
final class SeaweedFsIdentities {

    /** The script that writes the identities. */
    static final Path SCRIPT = Repo.root().resolve("deploy/seaweedfs/s3-identities.sh");

    /** One identity. */
    record Identity(String name, String accessKey, String secretKey, List<String> actions) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Identity> byName;

    private SeaweedFsIdentities(Map<String, Identity> byName) {
        this.byName = byName;
    }

    /** What the script exits with, its messages, and the identities when it succeeded. */
    record Run(int exitCode, String stderr, SeaweedFsIdentities identities) {}

    /** Runs the script with exactly {@code env} (plus PATH). */
    static Run generate(Map<String, String> env) {
        Path dir;
        try {
            dir = Files.createTempDirectory("s3-identities");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = dir.resolve("s3.json");
        Map<String, String> full = new LinkedHashMap<>(env);
        full.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Tools.Result r = Tools.run(
                List.of("sh", SCRIPT.toString(), out.toString()),
                dir,
                full,
                "a POSIX sh runs deploy/seaweedfs/s3-identities.sh");
        SeaweedFsIdentities ids = r.exitCode() == 0 ? parse(Repo.read(out)) : null;
        return new Run(r.exitCode(), r.stderr(), ids);
    }

    /** The identities of a SeaweedFS s3 config JSON. */
    static SeaweedFsIdentities parse(String json) {
        Map<String, Identity> out = new LinkedHashMap<>();
        try {
            for (JsonNode id : JSON.readTree(json).path("identities")) {
                List<String> actions = new ArrayList<>();
                id.path("actions").forEach(a -> actions.add(a.asText()));
                JsonNode cred = id.path("credentials").path(0);
                out.put(
                        id.path("name").asText(),
                        new Identity(
                                id.path("name").asText(),
                                cred.path("accessKey").asText(),
                                cred.path("secretKey").asText(),
                                List.copyOf(actions)));
            }
        } catch (IOException e) {
            throw new AssertionError("not a SeaweedFS s3 config: " + e.getMessage(), e);
        }
        return new SeaweedFsIdentities(out);
    }

    /** Every identity by name. */
    Map<String, Identity> all() {
        return byName;
    }

    /** The identity {@code name}, which must exist. */
    Identity get(String name) {
        Identity id = byName.get(name);
        if (id == null) {
            throw new AssertionError("no S3 identity " + name + " (have " + byName.keySet() + ")");
        }
        return id;
    }

    /** Whether identity {@code name} may perform {@code op}. */
    boolean allows(String name, S3Access.Op op) {
        String action = switch (op.kind()) {
            case GET, HEAD_BUCKET -> "Read";
            case PUT, DELETE -> "Write";
            case LIST -> "List";
            case CREATE_BUCKET -> "Admin";
        };
        return canDo(
                get(name).actions(),
                action,
                op.bucket(),
                op.kind() == S3Access.Kind.HEAD_BUCKET || op.kind() == S3Access.Kind.CREATE_BUCKET ? "" : op.key());
    }

    static boolean canDo(List<String> actions, String action, String bucket, String key) {
        if (actions.contains("Admin") || actions.contains(action)) {
            return true;
        }
        if (bucket.isEmpty()) {
            return false;
        }
        String full = bucket + (key.isEmpty() || key.startsWith("/") ? "" : "/") + key;
        for (String a : actions) {
            if (a.contains("*") || a.contains("?")) {
                if (glob(a, action + ":" + full) || glob(a, "Admin:" + full)) {
                    return true;
                }
            } else if (a.equals(action + ":" + bucket) || a.equals("Admin:" + bucket)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String s) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return s.matches(re.toString());
    }
}
