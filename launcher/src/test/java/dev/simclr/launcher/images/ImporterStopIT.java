package dev.simclr.launcher.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The demo's import ends on a stop request: no further upload starts and nothing is pushed. */
class ImporterStopIT {

    @Test
    void aStopRequestEndsTheImportBeforeTheNextImageAndPushesNothing() {
        AtomicInteger loaded = new AtomicInteger();
        List<ImportItem> items = IntStream.range(0, 40)
                .mapToObj(i -> ImportItem.upload(
                        "img-" + i,
                        i % 10,
                        "train",
                        "t",
                        "t/img-" + i + ".png",
                        () -> {
                            loaded.incrementAndGet();
                            return new byte[] {(byte) i};
                        },
                        "image/png"))
                .toList();
        try (EmbeddedS3 s3 = EmbeddedS3.start(null);
                ObjectStore store = ObjectStore.connect(ObjectStoreConfig.builder()
                        .setEndpoint(s3.endpoint())
                        .setAccessKey(s3.accessKey())
                        .setSecretKey(s3.secretKey())
                        .optRegion(s3.region())
                        .build())) {
            MockProducer<String, String> producer =
                    new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
            Importer stopping = new Importer(store, producer, "simclr-data", 1)
                    .pushingAfterUpload()
                    .stoppingWhen(() -> loaded.get() >= 5);
            assertThatThrownBy(() -> stopping.run(items, Set.of(), null))
                    .isInstanceOf(Importer.ImportException.class)
                    .hasMessage("import stopped after 0 of 40 images: stopped on request");
            assertThat(loaded).hasValue(5);
            assertThat(producer.history()).isEmpty();

            Importer.Report all = new Importer(store, producer, "simclr-data", 1)
                    .pushingAfterUpload()
                    .stoppingWhen(() -> false)
                    .run(items, Set.of(), null);
            assertThat(all.pushed()).isEqualTo(40);
            assertThat(producer.history()).hasSize(40);
        }
    }
}
