package dev.simclr.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.KafkaAccess;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.images.IdxSource;
import dev.simclr.launcher.images.ImportItem;
import dev.simclr.launcher.images.ImportOptions;
import dev.simclr.launcher.images.Importer;
import dev.simclr.launcher.images.ProgressBar;
import dev.simclr.launcher.kafka.KafkaClients;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.stack.Http;
import dev.simclr.launcher.stack.Infrastructure;
import dev.simclr.launcher.stack.RunConfig;
import dev.simclr.launcher.stack.ServiceApps;
import dev.simclr.launcher.stack.ServiceEnv;
import dev.simclr.launcher.stack.ServicePorts;
import dev.simclr.launcher.stack.ServiceProcess;
import dev.simclr.launcher.stack.ServiceSpec;
import dev.simclr.launcher.stack.StackInfo;
import dev.simclr.launcher.stack.StackLayout;
import dev.simclr.localstack.EmbeddedKafka;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.localstack.KafkaSecurity;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged services against a secured broker, as a platform engineer deploys them: the embedded Kafka with a
 * SASL_SSL listener (SCRAM-SHA-512, certificates made for the test), the standard authorizer, and one Kafka user per
 * service holding only the ACLs of {@link KafkaAccess}; every service gets its settings only as {@code KAFKA_*}
 * environment variables. Checked: a wrong password and a conflicting exactly-once override stop a service at start-up
 * with a clear message; the pipeline imports (as the client user), trains and evaluates; a trainer acting outside its
 * ACLs (writing checkpoint events to simclr.images) gets an authorization error and reports DOWN while no record is
 * lost or duplicated; no password appears in any log.
 */
class SecurePipelineIT {

    private static final String RUN = "secure";
    private static final long STEPS = 12;
    private static final int IMAGES = 200;

    @TempDir
    Path tmp;

    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final ByteArrayOutputStream ownLog = new ByteArrayOutputStream();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void eachServiceWithItsOwnUserAndOnlyItsAcls() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, ownLog), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, ownLog), true, StandardCharsets.UTF_8));
        List<ServiceProcess> started = new ArrayList<>();
        EmbeddedKafka kafka = null;
        EmbeddedS3 s3 = null;
        StackLayout layout = new StackLayout(tmp.resolve("data"));
        try {
            Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            ServiceApps apps = new ServiceApps(repo).requirePackaged();
            Path fashion = repo.resolve("datasets/fashion-mnist-subset");
            layout.create();

            KafkaSecurity security = KafkaSecurity.generate(tmp.resolve("tls"));
            kafka = EmbeddedKafka.startSecured(layout.kafkaDir(), security);
            s3 = EmbeddedS3.start(layout.s3Dir());
            Infrastructure.createTopics(kafka);
            s3.createBucket(Infrastructure.DATA_BUCKET);
            s3.createBucket(Infrastructure.CHECKPOINT_BUCKET);
            for (KafkaAccess.Identity id : KafkaAccess.Identity.values()) {
                String user = user(id);
                passwords.put(user, KafkaSecurity.randomPassword());
                kafka.createUser(user, passwords.get(user));
                kafka.createAcls(acls(user, KafkaAccess.grants(id)));
            }
            String bootstrap = kafka.bootstrapServers();
            KafkaSettings client = settings(security, bootstrap, "client", passwords.get("client"));
            KafkaSettings admin = settings(security, bootstrap, KafkaSecurity.ADMIN_USER, security.adminPassword());

            RunConfig run = RunConfig.builder()
                    .setRunId(RUN)
                    .setEvalSet(fashion.toString())
                    .optWidth(0.125)
                    .optProjectionDim(32)
                    .optBatchSize(16)
                    .optTotalSteps(STEPS)
                    .optMaxSteps(STEPS)
                    .optCheckpointEvery(6)
                    .optWarmupSteps(2)
                    .optLearningRate(0.1)
                    .optTrainerThreads(1)
                    .optEvaluatorThreads(1)
                    .optEvalLimits(1000, 500)
                    .optParityImages(16)
                    .optReferences(false)
                    .optAugmenterEpochs(3)
                    .optPartialBatchTimeout(Duration.ofSeconds(5))
                    .optMaxViewsLag(1000)
                    .optHeaps(new RunConfig.Heaps("384m", "512m", "768m"))
                    .build();
            StackInfo.S3Info s3Info = new StackInfo.S3Info(
                    s3.endpoint(),
                    s3.accessKey(),
                    s3.secretKey(),
                    s3.region(),
                    Infrastructure.DATA_BUCKET,
                    Infrastructure.CHECKPOINT_BUCKET);
            ServiceEnv env = new ServiceEnv(run, bootstrap, s3Info, layout, apps, ServicePorts.random());

            // 1. A wrong password and a conflicting exactly-once setting stop a service at start-up.
            String wrong = KafkaSecurity.randomPassword();
            ServiceProcess badPassword = ServiceProcess.start(
                    variant(
                            env.augmenter(),
                            "augmenter-wrong-password",
                            kafkaEnv(security, bootstrap, "augmenter", wrong)),
                    layout);
            ServiceProcess badSetting = ServiceProcess.start(
                    variant(
                            env.evaluator(),
                            "evaluator-conflict",
                            with(
                                    kafkaEnv(security, bootstrap, "evaluator", passwords.get("evaluator")),
                                    "KAFKA_ENABLE_AUTO_COMMIT",
                                    "true")),
                    layout);
            started.add(badPassword);
            started.add(badSetting);
            awaitExit(badPassword, Duration.ofMinutes(3));
            awaitExit(badSetting, Duration.ofMinutes(3));
            assertThat(badPassword.process().exitValue()).isNotZero();
            assertThat(Files.readString(layout.log("augmenter-wrong-password")))
                    .contains("Kafka at " + bootstrap
                            + " rejected the credentials of the augmenter (SASL SCRAM-SHA-512, user" + " 'augmenter')")
                    .contains("Check KAFKA_SASL_JAAS_CONFIG")
                    .doesNotContain(wrong);
            assertThat(badSetting.process().exitValue()).isNotZero();
            assertThat(Files.readString(layout.log("evaluator-conflict")))
                    .contains(
                            "kafka.enable.auto.commit=true (env KAFKA_ENABLE_AUTO_COMMIT): the evaluator's channel checkpoints"
                                    + " must leave enable.auto.commit unset");

            // 2. The pipeline, each service with its own user.
            for (ServiceSpec spec : env.specs()) {
                started.add(ServiceProcess.start(
                        variant(
                                spec,
                                spec.name(),
                                kafkaEnv(security, bootstrap, spec.name(), passwords.get(spec.name()))),
                        layout));
            }
            for (ServiceProcess p : started.subList(2, 5)) {
                p.awaitReady(Duration.ofMinutes(4));
            }
            for (String name : ServiceApps.NAMES) {
                assertThat(Files.readString(layout.log(name)))
                        .contains("Kafka at " + bootstrap + " accepted the settings of" + " user '" + name + "'")
                        .contains("sasl.jaas.config=[hidden]");
            }
            List<ImportItem> items = IdxSource.items(
                    fashion, new ImportOptions(Infrastructure.DATA_BUCKET, null, "train", IMAGES, "fashion-mnist"));
            ObjectStoreConfig s3Config = ObjectStoreConfig.builder()
                    .setEndpoint(s3.endpoint())
                    .setAccessKey(s3.accessKey())
                    .setSecretKey(s3.secretKey())
                    .optRegion(s3.region())
                    .build();
            try (ObjectStore store = ObjectStore.connect(s3Config);
                    KafkaProducer<String, String> producer = KafkaClients.producer(client)) {
                Importer.Report report = new Importer(store, producer, Infrastructure.DATA_BUCKET, 4)
                        .pushingAfterUpload()
                        .run(items, Set.of(), () -> new ProgressBar(Console.plain(), "import", items.size(), false));
                assertThat(report.pushed()).isEqualTo(IMAGES);
            }
            EvalResult[] last = new EvalResult[1];
            try (TopicReader eval = TopicReader.open(client, Topics.EVAL, TopicReader.Start.BEGINNING)) {
                Awaitility.await()
                        .atMost(Duration.ofMinutes(6))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            eval.poll(Duration.ofMillis(500), r -> {
                                EvalResult e = EvalResult.fromJson(r.value());
                                if (e.runId().equals(RUN) && e.step() == STEPS) {
                                    last[0] = e;
                                }
                            });
                            assertThat(started.subList(2, 5))
                                    .as("services alive")
                                    .allMatch(ServiceProcess::isAlive);
                            return last[0] != null;
                        });
            }
            // Absolute: a published result already passed the evaluator's relative check (1e-4 x the largest
            // |feature|, docs/evaluation.md); features of a few thousand make fp32 rounding ~3e-4 absolute.
            assertThat(last[0].onnxMaxAbsDiff())
                    .as("ONNX Runtime vs DJL, absolute")
                    .isLessThanOrEqualTo(1e-2);
            assertThat(last[0].trainCount()).isEqualTo(1000);

            // 3. A trainer acting outside its ACLs: restarted with simclr.images as its checkpoint topic, it
            // resumes the run and announces its newest checkpoint again, which the broker refuses.
            ServiceProcess realTrainer = started.get(3);
            assertThat(realTrainer.name()).isEqualTo("trainer");
            assertThat(realTrainer.stop(Duration.ofMinutes(2)))
                    .as("graceful stop, lease released")
                    .isTrue();
            ServiceSpec trainer = env.trainer();
            Map<String, String> rogueEnv = kafkaEnv(security, bootstrap, "trainer", passwords.get("trainer"));
            rogueEnv.put("SIMCLR_TRAINER_CHECKPOINTS_TOPIC", Topics.IMAGES);
            int roguePort = freePort();
            rogueEnv.put("QUARKUS_HTTP_PORT", String.valueOf(roguePort));
            ServiceProcess rogue = ServiceProcess.start(
                    new ServiceSpec(
                            "rogue-trainer",
                            trainer.appJar(),
                            roguePort,
                            trainer.jvmArgs(),
                            merge(trainer.env(), rogueEnv)),
                    layout);
            started.add(rogue);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        assertThat(rogue.isAlive()).isTrue();
                        Http.Response live = Http.get(rogue.url() + "/q/health/live", Duration.ofSeconds(3))
                                .orElse(null);
                        assertThat(live).as("the rogue trainer answers HTTP").isNotNull();
                        assertThat(live.status()).isEqualTo(503);
                        assertThat(live.body()).contains("DOWN").contains("may not write to simclr.images");
                    });
            assertThat(Files.readString(layout.log("rogue-trainer")))
                    .contains(
                            "the trainer's Kafka user may not write to simclr.images (Not authorized to access topics:"
                                    + " [simclr.images]");

            // 4. Nothing lost, nothing duplicated.
            List<ConsumerRecord<String, byte[]>> images = readAll(admin, Topics.IMAGES);
            assertThat(images).hasSize(IMAGES);
            assertThat(images.stream().map(ConsumerRecord::key).distinct().count())
                    .isEqualTo(IMAGES);
            Map<String, Long> pairsPerImageAndEpoch = readAll(admin, Topics.VIEWS).stream()
                    .map(r -> ViewPairCodec.decode(r.value()))
                    .collect(Collectors.groupingBy(
                            (ViewPair p) -> p.imageId() + "@" + p.epoch(), Collectors.counting()));
            assertThat(pairsPerImageAndEpoch.values())
                    .as("one view pair per image and epoch")
                    .allMatch(n -> n == 1);
            Set<String> epoch0 = pairsPerImageAndEpoch.keySet().stream()
                    .filter(k -> k.endsWith("@0"))
                    .map(k -> k.substring(0, k.length() - 2))
                    .collect(Collectors.toSet());
            assertThat(epoch0)
                    .as("every image made it into epoch 0")
                    .isEqualTo(images.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            List<CheckpointEvent> events = readAll(admin, Topics.CHECKPOINTS).stream()
                    .map(r -> CheckpointEvent.fromJson(r.value()))
                    .toList();
            assertThat(events).extracting(CheckpointEvent::runId).containsOnly(RUN);
            assertThat(events)
                    .extracting(CheckpointEvent::step)
                    .doesNotHaveDuplicates()
                    .contains(6L, STEPS);
            // each checkpoint event ends in at most one outcome (a result or a dead letter; an older one may be
            // skipped for a newer one), and the final checkpoint was evaluated
            List<Long> outcomes = new ArrayList<>();
            readAll(admin, Topics.EVAL)
                    .forEach(r -> outcomes.add(EvalResult.fromJson(r.value()).step()));
            readAll(admin, Topics.CHECKPOINTS_DLQ)
                    .forEach(r ->
                            outcomes.add(CheckpointEvent.fromJson(r.value()).step()));
            assertThat(outcomes)
                    .doesNotHaveDuplicates()
                    .isSubsetOf(events.stream().map(CheckpointEvent::step).toList());
            assertThat(last[0].step()).isEqualTo(STEPS);

            // 5. No secret in any log.
            List<String> secrets = new ArrayList<>(passwords.values());
            secrets.addAll(List.of(
                    wrong,
                    security.adminPassword(),
                    security.brokerPassword(),
                    security.tls().password(),
                    s3.secretKey()));
            Map<String, String> logs = new LinkedHashMap<>();
            try (var files = Files.list(layout.logsDir())) {
                for (Path f : files.toList()) {
                    logs.put(f.getFileName().toString(), Files.readString(f));
                }
            }
            logs.put("s3proxy.log", Files.readString(s3.dataDir().resolve("s3proxy.log")));
            logs.put("test JVM (broker, clients)", ownLog.toString(StandardCharsets.UTF_8));
            assertThat(logs.keySet())
                    .contains(
                            "augmenter.log",
                            "trainer.log",
                            "evaluator.log",
                            "rogue-trainer.log",
                            "augmenter-wrong-password.log",
                            "evaluator-conflict.log");
            logs.forEach((name, text) -> {
                assertThat(text).as(name).isNotEmpty();
                for (String secret : secrets) {
                    assertThat(text).as(name + " contains a secret").doesNotContain(secret);
                }
                assertThat(text).as(name).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("password=\"");
            });
        } finally {
            started.forEach(p -> p.stop(Duration.ofSeconds(30)));
            keepLogs(layout.logsDir());
            if (kafka != null) {
                kafka.close();
            }
            if (s3 != null) {
                s3.close();
            }
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Copies the services' logs to target/secure-pipeline-it-logs (the temp directory goes away). */
    private static void keepLogs(Path logs) {
        Path keep = Path.of("target", "secure-pipeline-it-logs");
        try (var files = Files.list(logs)) {
            Files.createDirectories(keep);
            for (Path f : files.toList()) {
                Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("cannot keep the service logs: " + e);
        }
    }

    private static String user(KafkaAccess.Identity id) {
        return id.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The ACL bindings of one user, from the KafkaAccess table. */
    private static List<AclBinding> acls(String user, List<KafkaAccess.Grant> grants) {
        List<AclBinding> out = new ArrayList<>();
        for (KafkaAccess.Grant g : grants) {
            ResourceType type = switch (g.type()) {
                case TOPIC -> ResourceType.TOPIC;
                case GROUP -> ResourceType.GROUP;
                case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
            };
            PatternType pattern =
                    g.pattern() == KafkaAccess.PatternType.PREFIXED ? PatternType.PREFIXED : PatternType.LITERAL;
            AclOperation op = AclOperation.valueOf(g.operation().name());
            out.add(new AclBinding(
                    new ResourcePattern(type, g.name(), pattern),
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        return out;
    }

    /** What a deployment gives a service: KAFKA_* variables (bootstrap, SASL_SSL, SCRAM, truststore). */
    private static Map<String, String> kafkaEnv(
            KafkaSecurity security, String bootstrap, String user, String password) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        security.clientProperties(user, password).forEach((k, v) -> env.put(KafkaSettings.envName(k), v));
        return env;
    }

    private static KafkaSettings settings(KafkaSecurity security, String bootstrap, String user, String password) {
        Map<String, String> p = new HashMap<>(security.clientProperties(user, password));
        p.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap);
        return KafkaSettings.of(p);
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        env.put(key, value);
        return env;
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(extra);
        return m;
    }

    /** {@code spec} under another name (log file, work directory) and port, with extra environment. */
    private static ServiceSpec variant(ServiceSpec spec, String name, Map<String, String> extraEnv) throws IOException {
        int port = name.equals(spec.name()) ? spec.port() : freePort();
        Map<String, String> env = merge(spec.env(), extraEnv);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return new ServiceSpec(name, spec.appJar(), port, spec.jvmArgs(), env);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitExit(ServiceProcess p, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> !p.isAlive());
    }

    /** Every committed record of {@code topic}, read as {@code who}. */
    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaSettings who, String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (TopicReader r = TopicReader.open(who, topic, TopicReader.Start.BEGINNING)) {
            r.drain(out::add, Duration.ofMinutes(1));
        }
        return out;
    }

    /** Copies everything written to {@code a} into {@code b} too. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }
    }
}
