package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod template of every overlay: Pod Security "restricted" fields, requests and limits, probes on long-running
 * containers (Quarkus health endpoints on the service's own port), and the writable paths of a read-only root file
 * system backed by emptyDir volumes.
 */
class PodHardeningTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podsFollowRestrictedPodSecurity(String overlay) {
        for (Rendered.Workload w : Rendered.workloads(Rendered.overlay(overlay))) {
            PodSecurityContext pod = w.pod().getSecurityContext();
            assertThat(pod).as("%s: pod securityContext", w.name()).isNotNull();
            assertThat(pod.getRunAsNonRoot()).as("%s: runAsNonRoot", w.name()).isTrue();
            assertThat(pod.getRunAsUser())
                    .as("%s: runAsUser", w.name())
                    .isNotNull()
                    .isPositive();
            assertThat(pod.getSeccompProfile())
                    .as("%s: seccompProfile", w.name())
                    .isNotNull();
            assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(w.pod().getAutomountServiceAccountToken())
                    .as("%s: no API token mounted", w.name())
                    .isFalse();
            assertThat(w.pod().getHostNetwork()).as("%s: hostNetwork", w.name()).isNotEqualTo(Boolean.TRUE);
            for (Container c : Rendered.containers(w.pod())) {
                SecurityContext s = c.getSecurityContext();
                String what = w.name() + " container " + c.getName();
                assertThat(s).as("%s: securityContext", what).isNotNull();
                assertThat(s.getAllowPrivilegeEscalation())
                        .as("%s: allowPrivilegeEscalation", what)
                        .isFalse();
                assertThat(s.getReadOnlyRootFilesystem())
                        .as("%s: readOnlyRootFilesystem", what)
                        .isTrue();
                assertThat(s.getCapabilities()).as("%s: capabilities", what).isNotNull();
                assertThat(s.getCapabilities().getDrop())
                        .as("%s: capabilities.drop", what)
                        .containsExactly("ALL");
                assertThat(s.getCapabilities().getAdd())
                        .as("%s: capabilities.add", what)
                        .isEmpty();
                assertThat(s.getPrivileged()).as("%s: privileged", what).isNotEqualTo(Boolean.TRUE);
                assertThat(s.getRunAsUser())
                        .as("%s: runAsUser", what)
                        .satisfiesAnyOf(
                                u -> assertThat(u).isNull(), u -> assertThat(u).isPositive());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimits(String overlay) {
        for (Rendered.Workload w : Rendered.workloads(Rendered.overlay(overlay))) {
            for (Container c : Rendered.containers(w.pod())) {
                String what = w.name() + " container " + c.getName();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                for (String r : new String[] {"cpu", "memory"}) {
                    assertThat(requests).as("%s: requests", what).containsKey(r);
                    assertThat(limits).as("%s: limits", what).containsKey(r);
                    assertThat(Quantity.getAmountInBytes(requests.get(r)))
                            .as("%s: %s request <= limit", what, r)
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(r)));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void longRunningContainersAreProbed(String overlay) {
        for (Rendered.Workload w : Rendered.workloads(Rendered.overlay(overlay))) {
            if (!w.longRunning()) {
                continue;
            }
            for (Container c : w.pod().getContainers()) {
                String what = w.name() + " container " + c.getName();
                assertThat(c.getLivenessProbe()).as("%s: livenessProbe", what).isNotNull();
                assertThat(c.getReadinessProbe()).as("%s: readinessProbe", what).isNotNull();
                assertThat(c.getStartupProbe())
                        .as("%s: startupProbe (slow starts must not trip liveness)", what)
                        .isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesProbeQuarkusHealthOnTheirPort(String overlay) {
        var m = Rendered.overlay(overlay);
        for (Repo.Service s : Repo.Service.values()) {
            Container c = Rendered.container(m, s);
            int port = Integer.parseInt(ServiceFacts.httpPort(s));
            assertThat(c.getPorts()).as("%s ports", s.module).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(port);
            });
            assertHealth(c.getLivenessProbe(), "/q/health/live", s);
            assertHealth(c.getReadinessProbe(), "/q/health/ready", s);
            assertHealth(c.getStartupProbe(), "/q/health/started", s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void writablePathsAreEmptyDirVolumes(String overlay) {
        var m = Rendered.overlay(overlay);
        for (Rendered.Workload w : Rendered.workloads(m)) {
            for (Container c : Rendered.containers(w.pod())) {
                assertThat(mountedEmptyDir(w, c, "/tmp"))
                        .as("%s container %s: /tmp on an emptyDir", w.name(), c.getName())
                        .isTrue();
            }
        }
        for (Repo.Service s : Repo.Service.values()) {
            Rendered.Workload w = Rendered.service(m, s);
            Container c = Rendered.container(m, s);
            assertThat(mountedEmptyDir(w, c, ServiceFacts.CACHE_DIR))
                    .as("%s: DJL_CACHE_DIR of the image (%s) on an emptyDir", s.module, ServiceFacts.CACHE_DIR)
                    .isTrue();
        }
    }

    private static void assertHealth(Probe probe, String path, Repo.Service s) {
        assertThat(probe.getHttpGet())
                .as("%s probe %s is an HTTP GET", s.module, path)
                .isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal())
                .as("%s probe port", s.module)
                .isEqualTo("http");
    }

    private static boolean mountedEmptyDir(Rendered.Workload w, Container c, String path) {
        for (VolumeMount mount : c.getVolumeMounts()) {
            if (mount.getMountPath().equals(path) && !Boolean.TRUE.equals(mount.getReadOnly())) {
                for (Volume v : w.pod().getVolumes()) {
                    if (v.getName().equals(mount.getName()) && v.getEmptyDir() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
