package dev.simclr.launcher.cli;

import dev.simclr.launcher.Logging;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Where the client commands (import, push, watch) send their requests: {@code --bootstrap-servers}
 * (and {@code SIMCLR_S3_*} for import) when given, else the running local stack's stack.json.
 *
 * @param bootstrapServers Kafka
 * @param s3 S3 client configuration (null when not needed or unknown)
 * @param stack the running local stack, if that is where the endpoints come from
 */
record Endpoints(String bootstrapServers, ObjectStoreConfig s3, Optional<StackInfo> stack) {

  /**
   * Resolves the endpoints and routes client logging to {@code <data-dir>/logs/cli.log} (or stderr).
   *
   * @param bootstrapOverride {@code --bootstrap-servers}, or null
   * @param needS3 whether S3 is needed
   */
  static Endpoints resolve(StackLayout layout, String bootstrapOverride, boolean needS3) {
    if (Files.isDirectory(layout.logsDir())) {
      Logging.toFile(layout.log("cli"));
    } else {
      Logging.toStderr();
    }
    if (bootstrapOverride != null) {
      ObjectStoreConfig s3 = null;
      if (needS3) {
        if (System.getenv(ObjectStoreConfig.ENV_ENDPOINT) == null) {
          throw new UserException("with --bootstrap-servers, set " + ObjectStoreConfig.ENV_ENDPOINT + ", "
              + ObjectStoreConfig.ENV_ACCESS_KEY + " and " + ObjectStoreConfig.ENV_SECRET_KEY + " for S3");
        }
        try {
          s3 = ObjectStoreConfig.fromEnv();
        } catch (IllegalArgumentException e) {
          throw new UserException(e.getMessage());
        }
      }
      return new Endpoints(bootstrapOverride, s3, Optional.empty());
    }
    StackInfo info = StackInfo.requireRunning(layout);
    ObjectStoreConfig s3 = ObjectStoreConfig.builder().setEndpoint(info.s3().endpoint())
        .setAccessKey(info.s3().accessKey()).setSecretKey(info.s3().secretKey()).optRegion(info.s3().region()).build();
    return new Endpoints(info.kafka().bootstrapServers(), s3, Optional.of(info));
  }
}
