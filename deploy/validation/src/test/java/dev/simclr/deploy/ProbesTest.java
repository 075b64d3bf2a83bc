package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Deployment maps its probes as issue 15 asks: liveness on /q/health/live with minutes of tolerance, readiness on
 * /q/health/ready, a start-up probe for the slow start; every other long-running container tolerates minutes of failed
 * liveness checks too.
 */
class ProbesTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDeploymentMapsLivenessReadinessAndStartUp(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        List<Deployment> deployments = m.of(Deployment.class);
        assertThat(deployments).hasSize(Repo.Service.values().length);
        List<String> problems = new ArrayList<>();
        for (Deployment d : deployments) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                problems.addAll(
                        Probes.service("Deployment/" + d.getMetadata().getName() + " container " + c.getName(), c));
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyLongRunningContainerToleratesMinutesOfFailures(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Rendered.Workload w : Rendered.workloads(Rendered.overlay(overlay))) {
            if (w.longRunning()) {
                for (Container c : w.pod().getContainers()) {
                    problems.addAll(Probes.general(w.name() + " container " + c.getName(), c));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aDependencyCheckInLivenessOrATightProbeFails() {
        Manifests bad = Manifests.parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          selector:
            matchLabels: {app: d}
          template:
            metadata:
              labels: {app: d}
            spec:
              containers:
                - name: c
                  image: i:1
                  startupProbe:
                    httpGet: {path: /q/health/started, port: http}
                    periodSeconds: 5
                    failureThreshold: 12
                  livenessProbe:
                    httpGet: {path: /q/health/ready, port: http}
                    periodSeconds: 10
                    timeoutSeconds: 1
                    failureThreshold: 3
                  readinessProbe:
                    httpGet: {path: /q/health, port: http}
        """);
        Container c = bad.of(Deployment.class)
                .get(0)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(Probes.service("c", c))
                .containsExactlyInAnyOrder(
                        "c: liveness restarts after 30 s of failures (period x failureThreshold); at least 120 s, so a pause or a slow step"
                                + " does not kill it",
                        "c: liveness timeoutSeconds 1 (at least 5: a busy JVM answers late)",
                        "c: liveness probe on /q/health/ready, must be /q/health/live (readiness and the aggregate /q/health include"
                                + " dependency checks)",
                        "c: readiness probe on /q/health, must be /q/health/ready",
                        "c: start-up probe gives up after 60 s; at least 300 s (natives extracted on a cold cache)");
    }
}
