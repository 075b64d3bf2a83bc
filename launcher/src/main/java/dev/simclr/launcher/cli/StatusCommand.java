package dev.simclr.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Durations;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.Topics;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.kafka.KafkaClients;
import dev.simclr.launcher.kafka.Offsets;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.report.EvalLines;
import dev.simclr.launcher.report.MetricCatalog;
import dev.simclr.launcher.stack.Checkpoints;
import dev.simclr.launcher.stack.Http;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.supervise.SupervisionState;
import dev.simclr.objectstore.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code simclr status}: services, topics, lag, latest checkpoint and result of the local stack. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the local stack: services and S3 (health, restarts), topics (partitions, end offsets),"
                + " consumer lag, the latest checkpoint and the latest evaluation result.")
public final class StatusCommand implements Callable<Integer> {

    private static final int LAST_FAILURE_CHARS = 120;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        Endpoints ep = Endpoints.local(dataDir.layout());
        StackInfo info = ep.stack().orElseThrow();
        Console c = Console.plain();
        c.line(String.format(
                Locale.ROOT,
                "stack     %s (launcher pid %d, up %s), run '%s'",
                info.dataDir(),
                info.launcherPid(),
                Durations.compact(Duration.between(info.startedAt(), Instant.now())),
                info.runId()));
        c.line("          Kafka " + info.kafka().bootstrapServers() + ", S3 "
                + info.s3().endpoint() + ", dashboard " + info.dashboardUrl());
        Optional<SupervisionState> sup = SupervisionState.read(dataDir.layout().supervisionJson());
        c.line("processes (health, restarts by the launcher)");
        for (StackInfo.ServiceInfo s : info.services()) {
            c.line(String.format(
                    Locale.ROOT,
                    "  %-10s %-5s %s  pid %d  %s%s",
                    s.name(),
                    health(s),
                    s.url(),
                    s.pid(),
                    supervision(sup, s.name()),
                    detail(s)));
        }
        boolean s3Answers =
                Http.get(info.s3().endpoint() + "/", Duration.ofSeconds(3)).isPresent();
        c.line(String.format(
                Locale.ROOT,
                "  %-10s %-5s %s  pid %s  %s",
                "s3",
                s3Answers ? "UP" : "NO-ANSWER",
                info.s3().endpoint(),
                sup.flatMap(x -> x.process("s3"))
                        .map(e -> String.valueOf(e.pid()))
                        .orElse("?"),
                supervision(sup, "s3")));
        try (Admin admin = KafkaClients.admin(ep.kafka())) {
            Offsets offsets = new Offsets(admin);
            c.line("topics (partitions, end offsets)");
            for (Offsets.TopicSize t : offsets.topics("simclr.")) {
                c.line(String.format(
                        Locale.ROOT, "  %-24s %2d  %12s", t.name(), t.partitions(), Console.count(t.endOffsets())));
            }
            c.line("consumer lag");
            List<Offsets.GroupLag> lags = offsets.lags("simclr-");
            if (lags.isEmpty()) {
                c.line("  (no consumer groups yet)");
            }
            for (Offsets.GroupLag g : lags) {
                c.line(String.format(
                        Locale.ROOT,
                        "  %-34s %12s  %s",
                        g.group(),
                        Console.count(g.lag()),
                        String.join(", ", g.topics())));
            }
        }
        try (ObjectStore store = ObjectStore.connect(ep.s3())) {
            Checkpoints cps = new Checkpoints(store, info.s3().checkpointBucket());
            OptionalLong step = cps.latestStep(info.runId());
            c.line("latest checkpoint  "
                    + (step.isPresent() ? cps.checkpointUri(info.runId(), step.getAsLong()) : "(none yet)"));
        }
        MetricCatalog metrics = info.service("evaluator")
                .map(e -> MetricCatalog.remote(e.url()))
                .orElseGet(MetricCatalog::none);
        c.line("latest result      "
                + latestResult(ep.bootstrapServers(), info.runId())
                        .map(r -> EvalLines.eval(r, metrics))
                        .orElse("(none yet)"));
        return 0;
    }

    private static String health(StackInfo.ServiceInfo s) {
        return Http.get(s.url() + "/q/health", Duration.ofSeconds(3))
                .map(r -> {
                    try {
                        return Json.mapper().readTree(r.body()).path("status").asText("?");
                    } catch (IOException e) {
                        return "HTTP " + r.status();
                    }
                })
                .orElse(ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false) ? "NO-ANSWER" : "EXITED");
    }

    /** {@code restarts 1 (last failure 08:12:03: exited with code 137)}, and the state unless running. */
    static String supervision(Optional<SupervisionState> state, String name) {
        Optional<SupervisionState.Entry> e = state.flatMap(s -> s.process(name));
        if (e.isEmpty()) {
            return "restarts ?  ";
        }
        SupervisionState.Entry p = e.get();
        StringBuilder b = new StringBuilder("restarts ").append(p.restarts());
        if (p.state() != SupervisionState.State.RUNNING) {
            b.append(", ").append(p.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (p.lastFailureAt() != null) {
            String why = p.lastFailure().length() > LAST_FAILURE_CHARS
                    ? p.lastFailure().substring(0, LAST_FAILURE_CHARS) + "..."
                    : p.lastFailure();
            b.append(" (last failure ")
                    .append(CLOCK.format(p.lastFailureAt()))
                    .append(": ")
                    .append(why)
                    .append(")");
        }
        return b.append("  ").toString();
    }

    private static String detail(StackInfo.ServiceInfo s) {
        if (!s.name().equals("trainer")) {
            return "";
        }
        return Http.get(s.url() + "/q/health/ready", Duration.ofSeconds(3))
                .map(r -> {
                    try {
                        JsonNode d = Json.mapper()
                                .readTree(r.body())
                                .path("checks")
                                .path(0)
                                .path("data");
                        return "phase " + d.path("phase").asText("?") + ", step "
                                + d.path("step").asText("?") + ", last checkpoint "
                                + d.path("lastCheckpointStep").asText("?");
                    } catch (IOException e) {
                        return "";
                    }
                })
                .orElse("");
    }

    /** The newest result of {@code run} on simclr.eval. */
    static Optional<EvalResult> latestResult(String bootstrap, String run) {
        List<EvalResult> seen = new ArrayList<>();
        try (TopicReader r = TopicReader.open(bootstrap, Topics.EVAL, TopicReader.Start.BEGINNING)
                .lastRecords(50)) {
            r.drain(
                    rec -> {
                        try {
                            EvalResult e = EvalResult.fromJson(rec.value());
                            if (e.runId().equals(run)) {
                                seen.add(e);
                            }
                        } catch (IllegalArgumentException | NullPointerException ignored) {
                            // not a result: skip
                        }
                    },
                    Duration.ofSeconds(20));
        }
        return seen.stream().max(java.util.Comparator.comparingLong(EvalResult::step));
    }
}
