package dev.simclr.model.bench;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetCache;
import dev.simclr.evaluation.data.FashionMnist;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.evaluation.data.Preprocessing;
import java.util.Arrays;

/** Fashion-MNIST for the bench: training images for augmentation and the labelled eval set. */
final class BenchData {

    private BenchData() {}

    /**
     * The 60,000 training images as augmentation sources, at their native 28 px: the policy crops inside the model's
     * canvas ({@code --fit}, pad by default: 28 px on a black square of the input size, as the torch anchor and the
     * evaluation protocol see them).
     */
    static DecodedImage[] trainImages(TrainBenchArgs a) {
        int side = FashionMnist.SIDE;
        EvalSet set = FashionMnist.at(a.data()).load(new Preprocessing(side, side, a.channels(), ResizeMode.PAD));
        LabelledImages train = set.train();
        DecodedImage[] images = new DecodedImage[train.count()];
        int bytes = train.imageBytes();
        byte[] all = train.pixels();
        for (int i = 0; i < images.length; i++) {
            images[i] = new DecodedImage(side, side, a.channels(), Arrays.copyOfRange(all, i * bytes, (i + 1) * bytes));
        }
        return images;
    }

    /**
     * The evaluation set at the model's input on the model's canvas ({@code --fit}); limited to the first
     * {@code --eval-limit} images; read through {@code --eval-cache} if given.
     */
    static EvalSet evalSet(TrainBenchArgs a) {
        Preprocessing p = new Preprocessing(a.inputSize(), a.inputSize(), a.channels(), a.fit());
        FashionMnist source = FashionMnist.at(a.data());
        EvalSet set = a.evalCache() == null ? source.load(p) : new EvalSetCache(a.evalCache()).load(source, p);
        return set.limit(a.evalTrainLimit(), a.evalTestLimit());
    }
}
