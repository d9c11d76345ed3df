package dev.checkpoint.core.internal.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Checkpoints.wrap} with checkpoint-core: a generated wrapper class, not a JDK proxy. */
class GeneratedWrapperTest {

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
    Checkpoints.uninstall(recorder);
  }

  private List<String> recordedNames() {
    return exporter.checkpoints().stream().map(CheckpointData::name).toList();
  }

  interface Greeter {
    @Checkpoint
    String greet(String name) throws IOException;

    @Checkpoint
    default String greetTwice(String name) throws IOException {
      return greet(name) + " " + greet(name);
    }

    int count();

    @Checkpoint(captureResult = false)
    void reset();
  }

  static class CountingGreeter implements Greeter {
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String greet(String name) throws IOException {
      calls.incrementAndGet();
      if (name.isEmpty()) {
        throw new IOException("no name");
      }
      return "hello " + name;
    }

    @Checkpoint("Greeter.counted")
    @Override
    public int count() {
      return calls.get();
    }

    @Override
    public void reset() {
      calls.set(0);
    }

    @Override
    public String toString() {
      return "CountingGreeter";
    }
  }

  @Test
  void theWrapperIsAGeneratedClassGeneratedOncePerType() {
    Greeter first = Checkpoints.wrap(Greeter.class, new CountingGreeter());
    Greeter second = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThat(Proxy.isProxyClass(first.getClass())).isFalse();
    assertThat(first.getClass().getName())
        .isEqualTo(Greeter.class.getName() + "$$CheckpointWrapper");
    assertThat(first.getClass().getClassLoader()).isSameAs(Greeter.class.getClassLoader());
    assertThat(second.getClass()).isSameAs(first.getClass());
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void recordsMarkedMethodsAndPassesTheRestOn() throws IOException {
    Greeter greeter = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThat(greeter.greet("ada")).isEqualTo("hello ada");
    assertThat(greeter.count()).isEqualTo(1);
    greeter.reset();

    List<CheckpointData> recorded = exporter.checkpoints();
    assertThat(recordedNames())
        .containsExactly("Greeter.greet", "Greeter.counted", "Greeter.reset");
    assertThat(recorded.get(0).input().json()).isEqualTo("{\"name\":\"ada\"}");
    assertThat(recorded.get(0).output().json()).isEqualTo("\"hello ada\"");
    assertThat(recorded.get(1).input().json()).as("no parameters").isEqualTo("{}");
    assertThat(recorded.get(1).output().json()).as("a primitive result, boxed").isEqualTo("1");
    assertThat(recorded.get(2).output()).as("void").isNull();
  }

  @Test
  void aDefaultMethodRunsTheInterfacesCodeAndItsCallsAreChildren() throws IOException {
    Greeter greeter = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThat(greeter.greetTwice("bo")).isEqualTo("hello bo hello bo");

    // The default method runs on the implementation, so its own calls of greet are not wrapped.
    assertThat(recordedNames()).containsExactly("Greeter.greetTwice");
  }

  @Test
  void checkedExceptionsAreRethrownUnchangedAndRecorded() {
    Greeter greeter = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThatThrownBy(() -> greeter.greet(""))
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("no name");

    CheckpointData recorded = exporter.checkpoints().get(0);
    assertThat(recorded.error().type()).isEqualTo(IOException.class.getName());
    assertThat(recorded.output()).isNull();
  }

  @Test
  void objectMethodsAreNotRecorded() {
    Greeter greeter = Checkpoints.wrap(Greeter.class, new CountingGreeter());
    Greeter other = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThat(greeter.equals(greeter)).isTrue();
    assertThat(greeter.equals(other)).isFalse();
    assertThat(greeter.hashCode()).isEqualTo(System.identityHashCode(greeter));
    assertThat(greeter.toString()).isEqualTo("CountingGreeter");
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void nothingIsRecordedWhileRecordingIsOff() throws IOException {
    recorder.control().set(RecordingMode.OFF, null);
    Greeter greeter = Checkpoints.wrap(Greeter.class, new CountingGreeter());

    assertThat(greeter.greet("ada")).isEqualTo("hello ada");
    assertThatThrownBy(() -> greeter.greet("")).isInstanceOf(IOException.class);

    assertThat(exporter.checkpoints()).isEmpty();
  }

  interface Repository<T, I> {
    T save(T entity);

    @Checkpoint
    T find(I id);
  }

  @Checkpoint
  interface OwnerRepository extends Repository<String, Long> {
    @Override
    String save(String owner);
  }

  static final class Owners implements OwnerRepository {
    @Override
    public String save(String owner) {
      return "saved " + owner;
    }

    @Override
    public String find(Long id) {
      return "owner " + id;
    }
  }

  @Test
  void genericMethodsAreRecordedOnceThroughTheirBridges() {
    OwnerRepository owners = Checkpoints.wrap(OwnerRepository.class, new Owners());
    @SuppressWarnings("unchecked")
    Repository<String, Long> raw = owners;

    assertThat(owners.save("ada")).isEqualTo("saved ada");
    assertThat(raw.save("bo")).isEqualTo("saved bo");
    assertThat(owners.find(7L)).isEqualTo("owner 7");

    assertThat(recordedNames())
        .containsExactly("OwnerRepository.save", "OwnerRepository.save", "OwnerRepository.find");
    assertThat(exporter.checkpoints().get(1).input().json()).isEqualTo("{\"owner\":\"bo\"}");
  }

  /** A JDK interface: its class loader (the boot loader) does not see checkpoint-api. */
  static final class Doubler implements Function<Integer, Integer> {
    @Checkpoint("Doubler.apply")
    @Override
    public Integer apply(Integer value) {
      return value * 2;
    }
  }

  @Test
  void aPublicInterfaceOutsideTheApisReachIsWrappedInALoaderOfItsOwn() {
    @SuppressWarnings("unchecked")
    Function<Integer, Integer> doubler = Checkpoints.wrap(Function.class, new Doubler());

    assertThat(doubler.apply(21)).isEqualTo(42);
    assertThat(doubler.andThen(x -> x + 1).apply(1)).as("a default method").isEqualTo(3);

    assertThat(Proxy.isProxyClass(doubler.getClass())).isFalse();
    assertThat(doubler.getClass().getName())
        .isEqualTo("dev.checkpoint.wrapped.java.util.function.Function$$CheckpointWrapper");
    assertThat(recordedNames()).containsExactly("Doubler.apply");
  }

  private interface Secret {
    @Checkpoint
    String reveal();
  }

  @Test
  void aPrivateInterfaceIsWrappedInItsOwnPackage() {
    Secret secret = Checkpoints.wrap(Secret.class, () -> "42");

    assertThat(secret.reveal()).isEqualTo("42");
    assertThat(secret.getClass().getPackageName()).isEqualTo(Secret.class.getPackageName());
    assertThat(recordedNames()).containsExactly("Secret.reveal");
  }

  /** A class with state set by its constructor, protected and package-private methods. */
  static class PriceList {
    private final long base;
    private final boolean constructed;

    PriceList(long base) {
      this.base = base;
      this.constructed = true;
    }

    @Checkpoint
    public long price(int quantity) {
      return base * quantity;
    }

    protected long discount() {
      return base / 10;
    }

    @Checkpoint("PriceList.tax")
    long tax() {
      return base / 5;
    }

    boolean constructed() {
      return constructed;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PriceList list && list.base == base;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(base);
    }
  }

  @Test
  void aClassIsExtendedWithoutRunningItsConstructorAndEveryCallReachesTheImplementation() {
    PriceList list = Checkpoints.wrap(PriceList.class, new PriceList(100));

    assertThat(list.getClass().getSuperclass()).isEqualTo(PriceList.class);
    assertThat(list.price(3)).isEqualTo(300);
    assertThat(list.discount()).isEqualTo(10);
    assertThat(list.tax()).isEqualTo(20);
    assertThat(list.constructed()).as("answered by the implementation").isTrue();
    assertThat(list.equals(list)).as("the wrapper's identity, not the class's equals").isTrue();
    assertThat(list.equals(new PriceList(100))).isFalse();

    assertThat(recordedNames()).containsExactly("PriceList.price", "PriceList.tax");
  }

  static final class FinalGreeter extends CountingGreeter {}

  static class Counter {
    public final int value() {
      return 1;
    }
  }

  static class SubCounter extends Counter {}

  @Test
  void classesThatCannotBeExtendedAreRejectedWithTheReason() {
    assertThatThrownBy(() -> Checkpoints.wrap(FinalGreeter.class, new FinalGreeter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoints.wrap cannot wrap "
                + FinalGreeter.class.getName()
                + ": the class is final, so no wrapper can extend it. Wrap an interface it"
                + " implements instead.");
    assertThatThrownBy(() -> Checkpoints.wrap(SubCounter.class, new SubCounter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoints.wrap cannot wrap "
                + SubCounter.class.getName()
                + ": its method public final int "
                + Counter.class.getName()
                + ".value() is final, so a call to it would run on the wrapper instead of"
                + " reaching the implementation. Make the method non-final, or wrap an"
                + " interface.");
    assertThatThrownBy(() -> Checkpoints.wrap(SubCounter.class, new SubCounter()))
        .as("the same answer the second time")
        .hasMessageContaining("is final");
  }
}
