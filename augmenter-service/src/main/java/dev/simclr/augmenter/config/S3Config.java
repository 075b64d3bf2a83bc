package dev.simclr.augmenter.config;

import dev.simclr.objectstore.ObjectStoreConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The shared {@code simclr.s3.*} keys (env {@code SIMCLR_S3_*}); without an endpoint s3:// URIs are unsupported. */
@ConfigMapping(prefix = "simclr.s3")
public interface S3Config {

    /** S3 API endpoint, {@code http(s)://host:port}. */
    Optional<String> endpoint();

    /** Access key. */
    Optional<String> accessKey();

    /** Secret key. */
    Optional<String> secretKey();

    /** Region to sign for (default: the object store's, us-east-1). */
    @WithDefault(ObjectStoreConfig.DEFAULT_REGION)
    String region();

    /** The pipeline's default bucket (used by other services and the launcher; the augmenter reads any bucket). */
    Optional<String> bucket();
}
