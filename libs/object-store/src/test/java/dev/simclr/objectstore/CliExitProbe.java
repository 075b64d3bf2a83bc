package dev.simclr.objectstore;

/** Test helper run in its own JVM: reads one object with a config from the environment, closes, returns. */
public final class CliExitProbe {

    private CliExitProbe() {}

    /**
     * Entry point.
     *
     * @param args the object's s3:// URI
     */
    public static void main(String[] args) {
        try (ObjectStore store = ObjectStore.connect(ObjectStoreConfig.fromEnv())) {
            System.out.println("read " + store.get(S3Uri.parse(args[0]), 1024).length + " bytes");
        }
    }
}
