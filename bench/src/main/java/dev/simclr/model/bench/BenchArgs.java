package dev.simclr.model.bench;

/** Command-line options of {@link StepBench}. */
record BenchArgs(
        double width,
        int views,
        int steps,
        int size,
        int channels,
        String arch,
        String stem,
        String device,
        boolean tensorInput) {

    static BenchArgs parse(String[] args) {
        double width = 1.0;
        int views = 256;
        int steps = 5;
        int size = 32;
        int channels = 1;
        String arch = "resnet18";
        String stem = "small";
        String device = "auto";
        String input = "bytes";
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + key);
            }
            String value = args[++i];
            try {
                switch (key) {
                    case "--width" -> width = Double.parseDouble(value);
                    case "--views" -> views = Integer.parseInt(value);
                    case "--steps" -> steps = Integer.parseInt(value);
                    case "--size" -> size = Integer.parseInt(value);
                    case "--channels" -> channels = Integer.parseInt(value);
                    case "--arch" -> arch = value;
                    case "--stem" -> stem = value;
                    case "--device" -> device = value;
                    case "--input" -> input = value;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + key
                                        + " (options: --width --views --steps --size --channels --arch --stem --device --input)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " needs a number, got '" + value + "'");
            }
        }
        if (views < 2 || views % 2 != 0) {
            throw new IllegalArgumentException("--views must be even and >= 2, got " + views);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (!input.equals("bytes") && !input.equals("tensor")) {
            throw new IllegalArgumentException("--input must be bytes or tensor, got '" + input + "'");
        }
        return new BenchArgs(width, views, steps, size, channels, arch, stem, device, input.equals("tensor"));
    }
}
