package dev.simclr.augment;

import dev.simclr.augment.resize.Canvas;
import dev.simclr.contracts.ViewPair;
import java.util.SplittableRandom;

/**
 * Turns a decoded image into a contracts {@link ViewPair}: the image's canvas (fitted once per pair), one
 * {@link SplittableRandom} seeded with the pair's seed, then two applications of the {@link SimClrPolicy} drawing from
 * it in turn (view 1 first). The same image, seed and policy give the same pair bit for bit on any JVM; use
 * {@link ViewSeeds#of} to derive the seed from (run seed, image id, epoch). Thread-safe.
 *
 * <pre>{@code
 * ViewPairFactory factory = new ViewPairFactory(PolicyConfig.simclr(32, 1));
 * ViewPair pair = factory.create(image, "img-1", epoch, ViewSeeds.of(runSeed, "img-1", epoch));
 * }</pre>
 */
public final class ViewPairFactory {

    private final SimClrPolicy policy;

    /** A factory applying {@code policy}. */
    public ViewPairFactory(SimClrPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        this.policy = policy;
    }

    /** A factory applying the policy of {@code config}. */
    public ViewPairFactory(PolicyConfig config) {
        this(new SimClrPolicy(config));
    }

    /** The policy's configuration (output size and channels of every view). */
    public PolicyConfig config() {
        return policy.config();
    }

    /**
     * The view pair of {@code image} for {@code imageId} in {@code epoch}, drawn from {@code seed}.
     *
     * @throws dev.simclr.contracts.ContractException if the id or epoch is not valid for a view pair
     */
    public ViewPair create(DecodedImage image, String imageId, int epoch, long seed) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Canvas.Frame frame = policy.frame(image);
        PolicyConfig c = policy.config();
        byte[] view1 = new byte[c.viewBytes()];
        byte[] view2 = new byte[c.viewBytes()];
        policy.apply(frame, rng, view1);
        policy.apply(frame, rng, view2);
        return new ViewPair(imageId, epoch, seed, c.outputSize(), c.outputSize(), c.outputChannels(), view1, view2);
    }
}
