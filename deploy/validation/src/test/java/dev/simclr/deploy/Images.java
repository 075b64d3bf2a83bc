package dev.simclr.deploy;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container images the deployment files name, and the rules every one must follow: no image that no longer exists,
 * and a pinned tag (never untagged or {@code latest}).
 */
final class Images {

    /**
     * Repositories that cannot be pulled any more: MinIO's community images were removed from Docker Hub on 2026-09-12
     * (the quay.io copies are frozen and unpatched) and its server is archived. Matched on the repository path whatever
     * the registry (docker.io/, quay.io/, a mirror).
     */
    static final List<String> REMOVED = List.of("minio/minio", "minio/mc");

    /** One image reference and where it is used. */
    record Use(String where, String image) {}

    private Images() {}

    /** Every {@code image:} of the compose file's services. */
    static List<Use> in(Compose compose) {
        List<Use> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> s : compose.services().entrySet()) {
            Object image = s.getValue().get("image");
            if (image != null) {
                out.add(new Use("docker-compose service " + s.getKey(), String.valueOf(image)));
            }
        }
        return out;
    }

    /** Every container and init container image of every workload in {@code m}. */
    static List<Use> in(Manifests m) {
        List<Use> out = new ArrayList<>();
        for (Rendered.Workload w : Rendered.workloads(m)) {
            for (Container c : Rendered.containers(w.pod())) {
                out.add(new Use(w.name() + " container " + c.getName(), c.getImage()));
            }
        }
        return out;
    }

    /**
     * The repository path of an image without registry, tag and digest ({@code quay.io/minio/mc:X} ->
     * {@code minio/mc}).
     */
    static String repository(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        int first = s.indexOf('/');
        if (first > 0) {
            String host = s.substring(0, first);
            if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
                s = s.substring(first + 1);
            }
        }
        return s.startsWith("library/") ? s.substring("library/".length()) : s;
    }

    /** The tag of an image, or null when it has none (a digest alone counts as pinned: "@digest"). */
    static String tag(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            return s.substring(at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        return colon > slash ? s.substring(colon + 1) : null;
    }

    /** What is wrong with {@code uses}, one line per problem (empty when all is well). */
    static List<String> problems(List<Use> uses) {
        List<String> out = new ArrayList<>();
        for (Use u : uses) {
            if (u.image() == null || u.image().isBlank()) {
                out.add(u.where() + ": no image");
                continue;
            }
            String repo = repository(u.image());
            if (REMOVED.contains(repo)) {
                out.add(u.where() + ": " + u.image() + " no longer exists (MinIO's community images were removed from"
                        + " Docker Hub in 2026-09): use the S3 server of deploy/seaweedfs or an external S3");
            }
            String tag = tag(u.image());
            if (tag == null || tag.equals("latest")) {
                out.add(u.where() + ": " + u.image() + " is not pinned to a version");
            }
        }
        return out;
    }
}
