package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe records an unreachable store as an outage in the shared status, without riding it. */
class StoreProbeTest {

    @Test
    void anUnreachableStoreIsAnOutageNotAProblem() {
        ObjectStoreConfig config = ObjectStoreConfig.builder()
                .setEndpoint("http://127.0.0.1:1")
                .setAccessKey("access")
                .setSecretKey("secret")
                .optMaxAttempts(1)
                .build();
        OutageStatus status = new OutageStatus();
        try (ObjectStore store = ObjectStore.connect(config);
                StoreProbe probe = StoreProbe.start(store, "bucket", status, Duration.ofHours(1))) {
            probe.probeOnce();
            assertThat(status.current()).isPresent();
            assertThat(status.current().orElseThrow().operation()).isEqualTo("probe s3://bucket/.health-probe");
            assertThat(status.healthData()).containsEntry("objectStore", "unavailable");
            assertThat(probe.problem()).isEmpty();
            assertThat(status.gaveUpReason()).as("a probe never gives up").isEmpty();
        }
    }
}
