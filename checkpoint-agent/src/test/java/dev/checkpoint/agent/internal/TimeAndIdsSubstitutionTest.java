package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class TimeAndIdsSubstitutionTest {

  private final TimeAndIdsSubstitution substitution = Instrumentations.timeAndIdsSubstitution();

  @Test
  void theApplicationsCallsOfTheClockAndOfRandomIdsCallTheBridge() throws Exception {
    byte[] rewritten =
        substitution.transform(
            null, getClass().getClassLoader(), "example/plain/ClockServlet", null, null, bytes());
    String text = new String(rewritten, StandardCharsets.ISO_8859_1);
    assertThat(text)
        .contains("dev/checkpoint/agent/internal/bootstrap/TimeAndIds")
        .contains("instantNow")
        .contains("localDateNow");
  }

  @Test
  void aClassThatReadsNoTimeIsLeftAsItIs() throws Exception {
    assertThat(
            substitution.transform(
                null,
                getClass().getClassLoader(),
                "example/plain/Wiring",
                null,
                null,
                Transformers.classFile("example/plain/Wiring")))
        .isNull();
  }

  @Test
  void aClassThatNamesTheTimeTypesButCallsNoSubstitutedMethodIsNotRead() {
    // Instant.parse and Duration: java/time/ in the bytes, no call to substitute.
    assertThat(TimeAndIdsSubstitution.mayCall(calling("java/time/Instant", "parse"))).isFalse();
    assertThat(TimeAndIdsSubstitution.mayCall(calling("java/time/Duration", "ofSeconds")))
        .isFalse();
    assertThat(TimeAndIdsSubstitution.mayCall(calling("java/time/Instant", "now"))).isTrue();
    assertThat(TimeAndIdsSubstitution.mayCall(calling("java/lang/System", "currentTimeMillis")))
        .isTrue();
    assertThat(TimeAndIdsSubstitution.mayCall(calling("java/util/UUID", "randomUUID"))).isTrue();
  }

  private static byte[] calling(String owner, String name) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "example/Made", null, "java/lang/Object", null);
    MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
    method.visitCode();
    method.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, "()Ljava/lang/Object;", false);
    method.visitInsn(Opcodes.POP);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void ignoredPackagesAndClientsThatReplayAnswersAreNotTheApplication() {
    assertThat(substitution.isApplication("com/fasterxml/jackson/core/JsonFactory")).isFalse();
    assertThat(substitution.isApplication("org/postgresql/core/QueryExecutorImpl")).isFalse();
    assertThat(substitution.isApplication("okhttp3/internal/connection/RealCall")).isFalse();
    assertThat(substitution.isApplication("org/apache/commons/pool2/impl/GenericObjectPool"))
        .isFalse();
    assertThat(substitution.isApplication("dev/checkpoint/CheckpointClock")).isFalse();
    assertThat(substitution.isApplication("org/apache/kafka/common/utils/SystemTime")).isFalse();
    assertThat(substitution.isApplication("tools/jackson/databind/ObjectMapper")).isFalse();
    assertThat(substitution.isApplication("reactor/core/scheduler/Schedulers")).isFalse();
    // Hibernate's reads (a @CreationTimestamp's) stay substituted.
    assertThat(
            substitution.isApplication(
                "org/hibernate/generator/internal/CurrentTimestampGeneration"))
        .isTrue();
    assertThat(substitution.isApplication("com/example/orders/OrderService")).isTrue();
  }

  @Test
  void noLibraryTheAgentHooksByNameHasItsTimeReadsSubstituted() {
    // A new hook's library must be added to Instrumentations.HOOKED_LIBRARIES (or be ignored).
    assertThat(Instrumentations.HOOKED_TYPES)
        .allSatisfy(
            type ->
                assertThat(substitution.isApplication(type.replace('.', '/'))).as(type).isFalse());
  }

  @Test
  void theBootstrapLoadersClassesAreNeverRewritten() throws Exception {
    assertThat(
            substitution.transform(null, null, "example/plain/ClockServlet", null, null, bytes()))
        .isNull();
  }

  private static byte[] bytes() throws IOException {
    return Transformers.classFile("example/plain/ClockServlet");
  }
}
