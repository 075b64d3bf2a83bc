package dev.simclr.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.testsupport.KafkaTestResource;
import dev.simclr.testsupport.S3TestResource;
import dev.simclr.trainer.testing.Cluster;
import dev.simclr.trainer.testing.KafkaIo;
import dev.simclr.trainer.testing.Views;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The wired service on embedded Kafka and S3: one batch of views becomes a step, a checkpoint and an event. */
@QuarkusTest
@WithTestResource(
        value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "simclr.views:2,simclr.views.dlq:1,simclr.checkpoints:1"))
@WithTestResource(S3TestResource.class)
class TrainerServiceIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "simclr.s3.endpoint")
    String s3Endpoint;

    @ConfigProperty(name = "simclr.s3.access-key")
    String s3AccessKey;

    @ConfigProperty(name = "simclr.s3.secret-key")
    String s3SecretKey;

    @ConfigProperty(name = "simclr.trainer.bucket")
    String bucket;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/health/live")
    URL live;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void aBatchOfViewsBecomesAStepACheckpointAndAnEvent() throws Exception {
        assertThat(bucket).isEqualTo(S3TestResource.DEFAULT_BUCKET);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(ready).statusCode() == 200);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(Cluster.view("simclr.views", i % 2, "s" + i, Views.encoded("s" + i, 8, 1, i), "service-it"));
        }
        KafkaIo.produceTransaction(bootstrap, records);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> !KafkaIo.events(bootstrap, "simclr.checkpoints", "service-it")
                        .isEmpty());
        CheckpointEvent event =
                KafkaIo.events(bootstrap, "simclr.checkpoints", "service-it").get(0);
        assertThat(event.step()).isEqualTo(1);
        assertThat(event.samplesSeen()).isEqualTo(4);
        assertThat(event.checkpointUri()).isEqualTo("s3://" + bucket + "/service-it/step-1/");

        try (ObjectStore store = ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(s3Endpoint)
                .setAccessKey(s3AccessKey)
                .setSecretKey(s3SecretKey)
                .build())) {
            VerifiedCheckpoint cp = new CheckpointSets(store).read(S3Uri.parse(event.checkpointUri()));
            assertThat(cp.manifestSha256()).isEqualTo(event.manifestSha256());
            assertThat(cp.manifest().offsets().get("simclr.views")).isEqualTo(Map.of(0, 2L, 1, 2L));
            assertThat(cp.files()).containsKeys("parameters.djl", "optimizer.bin");
            assertThat(((Map<?, ?>) cp.manifest().attributes().get("provenance")).get("codeVersion"))
                    .isEqualTo("0.1.0-SNAPSHOT");
            assertThat(store.exists(new S3Uri(bucket, "service-it/LEASE"))).isTrue();
        }

        HttpResponse<String> health = get(live);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("trainer-thread").contains("\"phase\": \"RUNNING\"");
        assertThat(get(ready).body()).contains("trainer-input");
        String prometheus = get(metrics).body();
        assertThat(prometheus)
                .contains("simclr_trainer_steps_total{run=\"service-it\"} 1.0")
                .contains("simclr_trainer_pairs_consumed_total{run=\"service-it\"} 4.0")
                .contains("simclr_trainer_checkpoint_duration_seconds_count{run=\"service-it\"} 1")
                .contains("simclr_trainer_queue_depth{run=\"service-it\"}")
                .contains("simclr_trainer_paused{run=\"service-it\"} 0.0");
    }

    private static HttpResponse<String> get(URL url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
