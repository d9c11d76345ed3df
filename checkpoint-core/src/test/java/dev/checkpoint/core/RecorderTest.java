package dev.checkpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecorderTest {

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private CheckpointRecorder recorder;

  @BeforeEach
  void install() {
    recorder =
        CheckpointRecorder.builder()
            .service("orders")
            .mode(RecordingMode.ON)
            .exporter(exporter)
            .build()
            .install();
  }

  @AfterEach
  void uninstall() {
    Checkpoints.install(CheckpointRecorder.builder().build());
  }

  @Test
  void fromConfigWithAnExporterTakesEverythingElseFromTheConfig() {
    CheckpointConfig config =
        CheckpointConfig.fromSources(
            Map.of(),
            Map.of(
                "CHECKPOINT_MODE", "ON_DEMAND",
                "CHECKPOINT_SERVICE_NAME", "payments",
                "CHECKPOINT_RUN_ID", "run-7",
                "CHECKPOINT_CONTROL_TOKEN", "t",
                "CHECKPOINT_MAX_ROWS", "7",
                "CHECKPOINT_REDACT_KEYS", "ssn"));

    CheckpointRecorder fromConfig = CheckpointRecorder.fromConfig(config, exporter);

    assertThat(fromConfig.exporter()).isSameAs(exporter);
    assertThat(fromConfig.service()).isEqualTo("payments");
    assertThat(fromConfig.control().state())
        .isEqualTo(new RecordingControl.State(RecordingMode.ON_DEMAND, "run-7"));
    assertThat(fromConfig.control().isEnabled()).isTrue();
    assertThat(fromConfig.maxRows()).isEqualTo(7);
    assertThat(fromConfig.capture().maxBytes()).isEqualTo(config.maxPayloadBytes());
    assertThat(fromConfig.capture().redaction().isSecret("customer_ssn")).isTrue();
  }

  @Test
  void nestedCheckpointsFormOneTree() {
    String result =
        Checkpoints.record(
            "OrderService.place",
            Map.of("sku", "A-1"),
            () -> Checkpoints.record("PriceService.price", "A-1", () -> "12.50"));

    assertThat(result).isEqualTo("12.50");
    List<CheckpointData> recorded = exporter.checkpoints();
    assertThat(recorded).hasSize(2);
    CheckpointData child = recorded.get(0);
    CheckpointData root = recorded.get(1);
    assertThat(root.name()).isEqualTo("OrderService.place");
    assertThat(root.parentId()).isNull();
    assertThat(child.parentId()).isEqualTo(root.id());
    assertThat(child.traceId()).isEqualTo(root.traceId());
    assertThat(root.kind()).isEqualTo(Kind.METHOD);
    assertThat(root.service()).isEqualTo("orders");
    assertThat(root.input().json()).isEqualTo("{\"sku\":\"A-1\"}");
    assertThat(child.output().json()).isEqualTo("\"12.50\"");
    assertThat(root.durationNanos()).isGreaterThanOrEqualTo(child.durationNanos());
    assertThat(root.thread()).isEqualTo(Thread.currentThread().getName());
    assertThat(Context.current()).as("scope restored after the root ends").isNull();
  }

  @Test
  void siblingsShareTheirParent() {
    try (ActiveCheckpoint root = Checkpoints.start("root", null)) {
      Checkpoints.record("first", null, () -> 1);
      Checkpoints.record("second", null, () -> 2);
      root.setOutput("done");
    }
    List<CheckpointData> recorded = exporter.checkpoints();
    CheckpointData root = recorded.get(2);
    assertThat(recorded.subList(0, 2)).extracting(CheckpointData::parentId).containsOnly(root.id());
    assertThat(recorded).extracting(CheckpointData::id).doesNotHaveDuplicates();
  }

  @Test
  void exceptionIsRecordedAsErrorAndRethrownUnchanged() {
    IOException failure = new IOException("card service unreachable");
    assertThatThrownBy(
            () ->
                Checkpoints.record(
                    "PaymentGateway.charge",
                    "card-1",
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    CheckpointData recorded = exporter.checkpoints().get(0);
    assertThat(recorded.error().type()).isEqualTo("java.io.IOException");
    assertThat(recorded.error().message()).isEqualTo("card service unreachable");
    assertThat(recorded.error().stack()).first().asString().startsWith("at ");
    assertThat(recorded.output()).isNull();
  }

  @Test
  void explicitErrorAndAttributesAttachToTheCurrentCheckpoint() {
    Checkpoints.record(
        "PaymentService.authorize",
        null,
        () -> {
          Checkpoints.current().setAttribute("decision", "declined");
          Checkpoints.current().setError(new IllegalStateException("card declined"));
          return "DECLINED";
        });

    CheckpointData recorded = exporter.checkpoints().get(0);
    assertThat(recorded.attributes().json()).isEqualTo("{\"decision\":\"declined\"}");
    assertThat(recorded.error().message()).isEqualTo("card declined");
    assertThat(recorded.output().json()).isEqualTo("\"DECLINED\"");
  }

  @Test
  void offRecordsNothingAndCurrentIsNoop() {
    recorder.control().set(RecordingMode.OFF, null);

    String result = Checkpoints.record("anything", "in", () -> "out");
    try (ActiveCheckpoint started = Checkpoints.start("started", "in")) {
      started.setAttribute("k", "v");
      assertThat(started.isRecording()).isFalse();
      assertThat(Checkpoints.current().isRecording()).isFalse();
    }

    assertThat(result).isEqualTo("out");
    assertThat(recorder.isEnabled()).isFalse();
    assertThat(exporter.checkpoints()).isEmpty();
    assertThat(Context.current()).isNull();
  }

  @Test
  void onDemandRecordsOnlyWorkCarryingARunIdInBaggage() {
    recorder.control().set(RecordingMode.ON_DEMAND, null);

    Checkpoints.record("without baggage", null, () -> 1);
    assertThat(exporter.checkpoints()).isEmpty();

    Context fromRequest =
        W3cPropagation.extract(null, "other=1,checkpoint.run=scenario-7").orElseThrow();
    try (Scope ignored = fromRequest.makeCurrent()) {
      Checkpoints.record("with baggage", null, () -> Checkpoints.record("child", null, () -> 2));
    }

    assertThat(exporter.checkpoints())
        .extracting(CheckpointData::name, CheckpointData::runId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("child", "scenario-7"),
            org.assertj.core.groups.Tuple.tuple("with baggage", "scenario-7"));
  }

  @Test
  void onDemandWithTraceparentButNoRunIdRecordsNothing() {
    recorder.control().set(RecordingMode.ON_DEMAND, null);
    Context remote =
        W3cPropagation.extract("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)
            .orElseThrow();
    try (Scope ignored = remote.makeCurrent()) {
      Checkpoints.record("remote without run", null, () -> 1);
    }
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void onUsesTheControlRunIdAndContinuesARemoteTree() {
    recorder.control().set(RecordingMode.ON, "nightly-1");
    Context remote =
        W3cPropagation.extract("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)
            .orElseThrow();
    try (Scope ignored = remote.makeCurrent()) {
      Checkpoints.record("handler", null, () -> 1);
    }
    CheckpointData recorded = exporter.checkpoints().get(0);
    assertThat(recorded.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(recorded.parentId()).isEqualTo("b7ad6b7169203331");
    assertThat(recorded.runId()).isEqualTo("nightly-1");
  }

  @Test
  void executorPropagationKeepsTheParentOnAnotherThread() throws Exception {
    ExecutorService pool = Context.wrap(Executors.newFixedThreadPool(2));
    try {
      Checkpoints.record(
          "fan-out",
          null,
          () -> {
            CompletableFuture<Integer> a =
                CompletableFuture.supplyAsync(
                    () -> Checkpoints.record("async-a", null, () -> 1), pool);
            Integer b = pool.submit(() -> Checkpoints.record("async-b", null, () -> 2)).get();
            return a.get() + b;
          });
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    List<CheckpointData> recorded = exporter.checkpoints();
    CheckpointData root =
        recorded.stream().filter(c -> c.name().equals("fan-out")).findFirst().get();
    assertThat(recorded)
        .filteredOn(c -> c.name().startsWith("async-"))
        .hasSize(2)
        .allSatisfy(
            child -> {
              assertThat(child.parentId()).isEqualTo(root.id());
              assertThat(child.thread()).isNotEqualTo(root.thread());
            });
  }

  @Test
  void wrappedRunnableRestoresTheWorkerThreadsContext() throws Exception {
    Runnable task;
    try (ActiveCheckpoint ignored = Checkpoints.start("submitter", null)) {
      Runnable work = () -> Checkpoints.record("task", null, () -> 1);
      task = Context.wrap(work);
    }
    Thread worker = new Thread(task);
    worker.start();
    worker.join(5000);
    CheckpointData submitter = exporter.checkpoints().get(0);
    CheckpointData child = exporter.checkpoints().get(1);
    assertThat(child.parentId()).isEqualTo(submitter.id());
  }

  @Test
  void unserialisableInputNeverFailsTheCall() {
    Object failing = new FailingGetter();
    String result = Checkpoints.record("failing", failing, () -> "still works");
    assertThat(result).isEqualTo("still works");
    assertThat(exporter.checkpoints().get(0).input().json())
        .contains("\"unserializable\":\"" + FailingGetter.class.getName() + "\"");
  }

  @Test
  void proxiedInterfaceRecordsAnnotatedMethodsOnly() {
    PaymentGateway gateway = Checkpoints.wrap(PaymentGateway.class, new FakeGateway());
    assertThat(gateway.getClass().getName()).endsWith("$$CheckpointWrapper");

    assertThat(gateway.authorize("card-1", 1250)).isEqualTo("AUTH-card-1-1250");
    assertThat(gateway.ping()).isEqualTo("pong");
    assertThatThrownBy(() -> gateway.refund("none")).isInstanceOf(IllegalArgumentException.class);

    List<CheckpointData> recorded = exporter.checkpoints();
    assertThat(recorded)
        .extracting(CheckpointData::name)
        .containsExactly("PaymentGateway.authorize", "gateway.refund");
    assertThat(recorded.get(0).input().json()).isEqualTo("{\"cardId\":\"card-1\",\"cents\":1250}");
    assertThat(recorded.get(0).output().json()).isEqualTo("\"AUTH-card-1-1250\"");
    assertThat(recorded.get(1).input()).as("captureArguments = false").isNull();
    assertThat(recorded.get(1).error().type()).isEqualTo(IllegalArgumentException.class.getName());
  }

  @Test
  void wrapRejectsFinalClassesWithAnExplanation() {
    assertThatThrownBy(() -> Checkpoints.wrap(FakeGateway.class, new FakeGateway()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoints.wrap cannot wrap "
                + FakeGateway.class.getName()
                + ": the class is final, so no wrapper can extend it. Wrap an interface it"
                + " implements instead.");
  }

  interface PaymentGateway {
    @Checkpoint
    String authorize(String cardId, int cents);

    @Checkpoint(value = "gateway.refund", captureArguments = false)
    String refund(String paymentId);

    String ping();
  }

  static final class FakeGateway implements PaymentGateway {
    @Override
    public String authorize(String cardId, int cents) {
      return "AUTH-" + cardId + "-" + cents;
    }

    @Override
    public String refund(String paymentId) {
      throw new IllegalArgumentException("unknown payment " + paymentId);
    }

    @Override
    public String ping() {
      return "pong";
    }
  }

  static final class FailingGetter {
    public String getValue() {
      throw new IllegalStateException("not loaded");
    }
  }
}
