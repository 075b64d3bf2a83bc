package dev.simclr.launcher.cli;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.ImageRef;
import dev.simclr.contracts.Topics;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.UserException;
import dev.simclr.launcher.kafka.KafkaClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simclr push <uri...>}: validates image references and pushes them on simclr.images. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Push image references (bare URIs or ImageRef JSON) on simclr.images.",
            "Every value is checked with ImageRef.parse before anything is sent; '-' reads one value per line from stdin."
        })
public final class PushCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka to push to (default: KAFKA_BOOTSTRAP_SERVERS, else the local stack in --data-dir);"
                    + " other KAFKA_* variables (security, SASL, truststore) apply to it")
    String bootstrapServers;

    @Parameters(
            arity = "1..*",
            paramLabel = "URI",
            description = "s3://..., file:///..., https://..., JSON, or - for stdin")
    List<String> values;

    @Override
    public Integer call() throws IOException {
        List<ImageRef> refs = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals("-")) {
                readStdin(refs, raw);
            } else {
                add(values.get(i), "argument " + (i + 1), refs, raw);
            }
        }
        if (refs.isEmpty()) {
            throw new UserException("nothing to push (stdin was empty)");
        }
        Endpoints ep = Endpoints.resolve(dataDir.layout(), bootstrapServers, false);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(ep.kafka())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                sent.add(producer.send(
                        new ProducerRecord<>(Topics.IMAGES, refs.get(i).effectiveId(), raw.get(i))));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "pushing to " + ep.bootstrapServers() + " failed: "
                            + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Console.plain()
                .line("pushed " + Console.count(refs.size()) + " image ref" + (refs.size() == 1 ? "" : "s") + " to "
                        + Topics.IMAGES + " at " + ep.bootstrapServers());
        return 0;
    }

    private static void readStdin(List<ImageRef> refs, List<String> raw) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (!line.isBlank()) {
                add(line, "stdin line " + n, refs, raw);
            }
        }
    }

    /** Validates one value; the error names where it came from. */
    static void add(String value, String where, List<ImageRef> refs, List<String> raw) {
        try {
            refs.add(ImageRef.parse(value));
            raw.add(value.strip());
        } catch (ContractException e) {
            throw new UserException(where + ": " + e.getMessage());
        }
    }
}
