package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/** {@code @Checkpoint} on Spring beans, through plain Spring AOP. */
class CheckpointAnnotationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AopAutoConfiguration.class,
                  CheckpointAutoConfiguration.class,
                  CheckpointAnnotationAutoConfiguration.class))
          .withPropertyValues("checkpoint.mode=ON")
          .withBean(InMemoryExporter.class, InMemoryExporter::create)
          .withBean(Fraud.class)
          .withBean(Ledger.class);

  @Test
  void worksWithoutTheAspectJWeaver() {
    assertThat(ClassUtils.isPresent("org.aspectj.weaver.Advice", null)).isFalse();
  }

  @Test
  void annotationAttributesNameAndLimitWhatIsRecorded() {
    runner.run(
        context -> {
          Fraud fraud = context.getBean(Fraud.class);

          assertThat(fraud.score("4111", 12)).isEqualTo(30);
          fraud.secretScore("pin-1234");
          fraud.notRecorded();

          List<CheckpointData> checkpoints = context.getBean(InMemoryExporter.class).checkpoints();
          assertThat(checkpoints)
              .extracting(CheckpointData::name)
              .containsExactly("fraud.score", "Fraud.secretScore");
          assertThat(checkpoints).extracting(CheckpointData::kind).containsOnly(Kind.METHOD);
          assertThat(RecordedJson.of(checkpoints.get(0).input()))
              .isEqualTo(RecordedJson.parse("{\"card\":\"4111\",\"amount\":12}"));
          assertThat(RecordedJson.of(checkpoints.get(0).output()).asInt()).isEqualTo(30);
          assertThat(checkpoints.get(1).input()).isNull();
          assertThat(checkpoints.get(1).output()).isNull();
        });
  }

  @Test
  void classAnnotationMarksItsMethodsAndCheckedExceptionsPassUnchanged() {
    runner.run(
        context -> {
          Ledger ledger = context.getBean(Ledger.class);

          Throwable thrown = catchThrowable(() -> ledger.book("order-1"));
          ledger.toString();

          assertThat(thrown).isExactlyInstanceOf(IOException.class).hasMessage("ledger offline");
          List<CheckpointData> checkpoints = context.getBean(InMemoryExporter.class).checkpoints();
          assertThat(checkpoints).hasSize(1);
          assertThat(checkpoints.get(0).name()).isEqualTo("Ledger.book");
          assertThat(checkpoints.get(0).error().type()).isEqualTo(IOException.class.getName());
        });
  }

  @Test
  void switchedOffLeavesBeansUnproxied() {
    runner
        .withPropertyValues("checkpoint.annotations.enabled=false")
        .run(
            context -> {
              context.getBean(Fraud.class).score("4111", 1);
              assertThat(AopUtils.isAopProxy(context.getBean(Fraud.class))).isFalse();
              assertThat(context.getBean(InMemoryExporter.class).checkpoints()).isEmpty();
            });
  }

  static class Fraud {
    @Checkpoint("fraud.score")
    public int score(String card, int amount) {
      return card.length() + amount + 14;
    }

    @Checkpoint(captureArguments = false, captureResult = false)
    public int secretScore(String pin) {
      return pin.length();
    }

    public void notRecorded() {}
  }

  @Checkpoint
  static class Ledger {
    public void book(String order) throws IOException {
      throw new IOException("ledger offline");
    }
  }
}
