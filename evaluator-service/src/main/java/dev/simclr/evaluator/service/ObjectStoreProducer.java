package dev.simclr.evaluator.service;

import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The S3 client, from {@code simclr.s3.*} (env {@code SIMCLR_S3_ENDPOINT}, ...). */
@ApplicationScoped
public class ObjectStoreProducer {

    @ConfigProperty(name = "simclr.s3.endpoint")
    String endpoint;

    @ConfigProperty(name = "simclr.s3.access-key")
    String accessKey;

    @ConfigProperty(name = "simclr.s3.secret-key")
    String secretKey;

    @ConfigProperty(name = "simclr.s3.region", defaultValue = ObjectStoreConfig.DEFAULT_REGION)
    String region;

    @Produces
    @Singleton
    ObjectStore objectStore() {
        return ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(endpoint)
                .setAccessKey(accessKey)
                .setSecretKey(secretKey)
                .optRegion(region)
                .build());
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
