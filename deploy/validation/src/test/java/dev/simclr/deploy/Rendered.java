package dev.simclr.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays under deploy/overlays, rendered once per test run, and views on their workloads. */
final class Rendered {

    /** Every overlay the project ships. */
    static final List<String> OVERLAYS = List.of("cpu", "gpu", "external-s3");

    /** A pod template and the workload that owns it. */
    record Workload(HasMetadata owner, PodSpec pod, Map<String, String> podLabels, boolean longRunning) {
        String name() {
            return owner.getKind() + "/" + owner.getMetadata().getName();
        }
    }

    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    private Rendered() {}

    /** {@code kubectl kustomize deploy/overlays/<overlay>}, parsed strictly. */
    static Manifests overlay(String overlay) {
        return CACHE.computeIfAbsent(
                overlay,
                o -> Manifests.parse(
                        Tools.kustomize(Repo.root().resolve("deploy/overlays").resolve(o))));
    }

    /** Every pod template: Deployments, StatefulSets (long-running) and Jobs. */
    static List<Workload> workloads(Manifests m) {
        List<Workload> out = new ArrayList<>();
        for (Deployment d : m.of(Deployment.class)) {
            out.add(new Workload(
                    d,
                    d.getSpec().getTemplate().getSpec(),
                    d.getSpec().getTemplate().getMetadata().getLabels(),
                    true));
        }
        for (StatefulSet s : m.of(StatefulSet.class)) {
            out.add(new Workload(
                    s,
                    s.getSpec().getTemplate().getSpec(),
                    s.getSpec().getTemplate().getMetadata().getLabels(),
                    true));
        }
        for (Job j : m.of(Job.class)) {
            out.add(new Workload(
                    j,
                    j.getSpec().getTemplate().getSpec(),
                    j.getSpec().getTemplate().getMetadata().getLabels(),
                    false));
        }
        return out;
    }

    /** The Deployment of {@code service} (by its container name). */
    static Workload service(Manifests m, Repo.Service service) {
        return workloads(m).stream()
                .filter(w -> w.pod().getContainers().stream()
                        .anyMatch(c -> c.getName().equals(service.module)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload runs a container named " + service.module));
    }

    /** The main container of {@code service}. */
    static Container container(Manifests m, Repo.Service service) {
        return service(m, service).pod().getContainers().stream()
                .filter(c -> c.getName().equals(service.module))
                .findFirst()
                .orElseThrow();
    }

    /** All containers of a pod, init containers first. */
    static List<Container> containers(PodSpec pod) {
        List<Container> out = new ArrayList<>(pod.getInitContainers());
        out.addAll(pod.getContainers());
        return out;
    }

    /**
     * The environment a container gets, variable -> value ("secret:name/key" for secret references,
     * "configmap:name/key" for a single ConfigMap key): envFrom ConfigMaps in order, then env. A ConfigMap that is not
     * in the manifests is an error.
     */
    static Map<String, String> environment(Manifests m, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() == null) {
                throw new AssertionError(c.getName() + ": envFrom other than a ConfigMap (" + from + ")");
            }
            String name = from.getConfigMapRef().getName();
            ConfigMap cm = m.named(ConfigMap.class, name)
                    .orElseThrow(() -> new AssertionError(
                            c.getName() + " reads ConfigMap " + name + ", which is not in the manifests"));
            env.putAll(cm.getData());
        }
        for (EnvVar v : c.getEnv()) {
            if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                env.put(
                        v.getName(),
                        "secret:" + v.getValueFrom().getSecretKeyRef().getName() + "/"
                                + v.getValueFrom().getSecretKeyRef().getKey());
            } else if (v.getValueFrom() != null && v.getValueFrom().getConfigMapKeyRef() != null) {
                env.put(
                        v.getName(),
                        "configmap:" + v.getValueFrom().getConfigMapKeyRef().getName() + "/"
                                + v.getValueFrom().getConfigMapKeyRef().getKey());
            } else {
                env.put(v.getName(), v.getValue());
            }
        }
        return env;
    }

    /** The value behind "configmap:name/key" (the ConfigMap must be in the manifests and have the key). */
    static String configMapValue(Manifests m, String reference) {
        if (reference == null || !reference.startsWith("configmap:")) {
            throw new AssertionError("not a ConfigMap key reference: " + reference);
        }
        String ref = reference.substring("configmap:".length());
        String name = ref.substring(0, ref.indexOf('/'));
        String key = ref.substring(ref.indexOf('/') + 1);
        ConfigMap cm = m.named(ConfigMap.class, name)
                .orElseThrow(() -> new AssertionError("ConfigMap " + name + " is referenced but not in the manifests"));
        String value = cm.getData().get(key);
        if (value == null) {
            throw new AssertionError("ConfigMap " + name + " has no key " + key);
        }
        return value;
    }
}
