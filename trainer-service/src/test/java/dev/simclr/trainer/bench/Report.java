package dev.simclr.trainer.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The bench's two Markdown tables: production per compression, consumption per compression and path (medians). */
final class Report {

    private static final String PERF = "kafka-consumer-perf-test";

    private Report() {}

    static void print(
            PrintStream out,
            Map<String, Production.Produced> produced,
            Map<String, List<Measured>> results,
            List<String> compressions) {
        Production.Produced none = produced.get("none");
        out.println();
        out.println(
                "| compression | MiB written | MiB on disk | vs none | producer wall s | producer CPU s (send + network) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (Production.Produced p : produced.values()) {
            out.printf(
                    "| %s | %.1f | %.1f | %s | %.1f | %.2f (%.2f + %.2f) |%n",
                    p.compression(),
                    p.bytes() / 1048576.0,
                    p.diskBytes() / 1048576.0,
                    none == null ? "-" : String.format("%.2f", (double) p.diskBytes() / none.diskBytes()),
                    p.seconds(),
                    p.sendCpuSeconds() + p.networkCpuSeconds(),
                    p.sendCpuSeconds(),
                    p.networkCpuSeconds());
        }
        out.println();
        out.println(
                "| compression | path | views/s | MiB/s | ratio to perf tool | polling-thread CPU s | staging-thread CPU s"
                        + " | polling MiB per CPU-s | MiB per CPU-s (both threads) |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String c : compressions) {
            long bytes = produced.get(c).bytes();
            List<Measured> perf = results.get(c + "|" + PERF);
            double perfViews = median(perf, Measured::viewsPerSecond);
            for (Map.Entry<String, List<Measured>> e : results.entrySet()) {
                if (!e.getKey().startsWith(c + "|")) {
                    continue;
                }
                List<Measured> ms = e.getValue();
                double views = median(ms, Measured::viewsPerSecond);
                double pollCpu = median(ms, Measured::consumerCpuSeconds);
                out.printf(
                        "| %s | %s | %.0f | %.1f | %.2f | %.2f | %.2f | %.0f | %.0f |%n",
                        c,
                        ms.get(0).path(),
                        views,
                        median(ms, m -> m.mibPerSecond(bytes)),
                        views / perfViews,
                        pollCpu,
                        median(ms, Measured::stageCpuSeconds),
                        bytes / 1048576.0 / pollCpu,
                        median(ms, m -> m.mibPerCpuSecond(bytes)));
            }
        }
        out.println();
        out.println(
                "(medians over the rounds; MiB = 2^20 bytes of key + value, as kafka-consumer-perf-test counts; the perf"
                        + " tool's time is its fetch time, without its group join)");
    }

    static double median(List<Measured> ms, ToDoubleFunction<Measured> f) {
        double[] v = ms.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
