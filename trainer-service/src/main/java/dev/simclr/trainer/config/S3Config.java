package dev.simclr.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The shared {@code simclr.s3.*} keys (env {@code SIMCLR_S3_*}). */
@ConfigMapping(prefix = "simclr.s3")
public interface S3Config {

    /** S3 API endpoint, {@code http(s)://host:port}. */
    String endpoint();

    /** Access key. */
    String accessKey();

    /** Secret key. */
    String secretKey();

    /** Region to sign for. */
    @WithDefault("us-east-1")
    String region();

    /** The pipeline's default bucket (read by other services; the trainer uses simclr.trainer.bucket). */
    Optional<String> bucket();
}
