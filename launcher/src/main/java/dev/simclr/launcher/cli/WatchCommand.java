package dev.simclr.launcher.cli;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Topics;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.report.EvalLines;
import dev.simclr.launcher.report.MetricCatalog;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simclr watch}: a readable tail of simclr.eval. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Print every evaluation result on simclr.eval as one line, until Ctrl-C.")
public final class WatchCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--run", paramLabel = "ID", description = "only this run")
    String run;

    @Option(names = "--from-beginning", description = "print the results already on the topic first")
    boolean fromBeginning;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka to read from (default: KAFKA_BOOTSTRAP_SERVERS, else the local stack in --data-dir);"
                    + " other KAFKA_* variables (security, SASL, truststore) apply to it")
    String bootstrapServers;

    @Option(
            names = "--evaluator",
            paramLabel = "URL",
            description = "the evaluator whose /api/metrics labels and formats the metrics (default: the local stack's;"
                    + " without one, metrics are shown by name)")
    String evaluator;

    @Override
    public Integer call() {
        Endpoints ep = Endpoints.resolve(dataDir.layout(), bootstrapServers, false);
        Console console = Console.plain();
        MetricCatalog metrics = evaluator != null
                ? MetricCatalog.remote(evaluator)
                : ep.stack()
                        .flatMap(s -> s.service("evaluator"))
                        .map(s -> MetricCatalog.remote(s.url()))
                        .orElseGet(MetricCatalog::none);
        try (TopicReader reader = TopicReader.open(
                ep.kafka(), Topics.EVAL, fromBeginning ? TopicReader.Start.BEGINNING : TopicReader.Start.END)) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                reader.wakeup();
                try {
                    main.join(3000);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }));
            console.line(
                    "watching " + Topics.EVAL + " at " + ep.bootstrapServers() + (run == null ? "" : " for run " + run)
                            + (fromBeginning ? " from the beginning" : "") + " (Ctrl-C to stop)");
            while (true) {
                reader.poll(Duration.ofSeconds(1), r -> {
                    try {
                        EvalResult e = EvalResult.fromJson(r.value());
                        if (run == null || run.equals(e.runId())) {
                            console.line(EvalLines.eval(e, metrics));
                        }
                    } catch (ContractException ex) {
                        console.line("(offset " + r.offset() + ": not an eval result: " + ex.getMessage() + ")");
                    }
                });
            }
        } catch (WakeupException stopping) {
            return 0;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "cannot read " + Topics.EVAL + " at " + ep.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }
}
