package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;

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

  @Test
  void frameworkArgumentsAreLeftOutOrSummarisedAndBinderMethodsAreNoCheckpoints() {
    runner
        .withBean(Registration.class)
        .run(
            context -> {
              Registration registration = context.getBean(Registration.class);
              Form form = new Form("ann", "12");
              BindingResult result = new BeanPropertyBindingResult(form, "form");
              result.rejectValue("telephone", "Pattern", "must be 10 digits");
              Principal user = () -> "clerk-1";

              registration.bind(new WebDataBinder(form));
              registration.register(form, result, new ExtendedModelMap(), user, Locale.UK);

              List<CheckpointData> checkpoints =
                  context.getBean(InMemoryExporter.class).checkpoints();
              assertThat(checkpoints)
                  .extracting(CheckpointData::name)
                  .containsExactly("Registration.register");
              assertThat(RecordedJson.of(checkpoints.get(0).input()))
                  .isEqualTo(
                      RecordedJson.parse(
                          "{\"form\":{\"name\":\"ann\",\"telephone\":\"12\"},"
                              + "\"result\":{\"fieldErrors\":{\"telephone\":"
                              + "[\"must be 10 digits\"]},\"globalErrors\":[]},"
                              + "\"user\":{\"name\":\"clerk-1\"},\"locale\":\"en_GB\"}"));
            });
  }

  @Test
  void anAnnotatedInterfaceCoversTheMethodsItDeclaresNamedByTheBeanOrTheInterfaceProxied() {
    runner
        .withBean(Catalog.class)
        .withBean(
            "greeter",
            Greeter.class,
            () ->
                (Greeter)
                    Proxy.newProxyInstance(
                        Greeter.class.getClassLoader(),
                        new Class<?>[] {Greeter.class},
                        (proxy, method, args) -> "hello " + args[0]))
        .run(
            context -> {
              context.getBean(Catalog.class).price("A-1");
              context.getBean(Catalog.class).stock("A-1");
              context.getBean(Greeter.class).greet("ann");

              assertThat(context.getBean(InMemoryExporter.class).checkpoints())
                  .extracting(CheckpointData::name)
                  .containsExactly("Catalog.price", "Greeter.greet");
            });
  }

  @Test
  void whatAProxyCannotInterceptLeavesTheApplicationStartingUnrecorded() {
    runner
        .withBean(FinalLedger.class)
        .withBean(Audit.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(AopUtils.isAopProxy(context.getBean(FinalLedger.class))).isFalse();
              context.getBean(FinalLedger.class).book("order-1");
              context.getBean(Audit.class).check("order-1");

              assertThat(context.getBean(InMemoryExporter.class).checkpoints())
                  .extracting(CheckpointData::name)
                  .containsExactly("Audit.check");
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

  record Form(String name, String telephone) {}

  @Checkpoint
  static class Registration {
    @InitBinder
    public void bind(WebDataBinder binder) {
      binder.setDisallowedFields("id");
    }

    public String register(
        Form form, BindingResult result, Model model, Principal user, Locale locale) {
      return result.hasErrors() ? "form" : "redirect:/";
    }
  }

  @Checkpoint
  interface Pricing {
    int price(String sku);
  }

  static class Catalog implements Pricing {
    @Override
    public int price(String sku) {
      return 100;
    }

    public int stock(String sku) {
      return 3;
    }
  }

  @Checkpoint
  interface Greeter {
    String greet(String name);
  }

  @Checkpoint
  static final class FinalLedger {
    public void book(String order) {}
  }

  @Checkpoint
  static class Audit {
    public void check(String order) {
      note(order);
    }

    private void note(String order) {}

    public final void seal(String order) {}
  }

  @Checkpoint
  static class Ledger {
    public void book(String order) throws IOException {
      throw new IOException("ledger offline");
    }
  }
}
