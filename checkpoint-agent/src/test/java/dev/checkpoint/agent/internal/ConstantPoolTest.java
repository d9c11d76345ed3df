package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class ConstantPoolTest {

  private static final byte[][] NOW = {ascii("now")};

  private static final Set<String> INSTANT_NOW = Set.of("java/time/Instant.now");

  @Test
  void aCallOfTheMethodIsFound() {
    byte[] classFile = calling(Opcodes.INVOKESTATIC, "java/time/Instant", "now", false);
    assertThat(ConstantPool.of(classFile).callsAny(NOW, INSTANT_NOW::contains)).isTrue();
  }

  @Test
  void aMethodOfTheSameNameOnAnotherOwnerIsNot() {
    byte[] classFile = calling(Opcodes.INVOKESTATIC, "java/time/Year", "now", false);
    assertThat(ConstantPool.of(classFile).callsAny(NOW, INSTANT_NOW::contains)).isFalse();
  }

  @Test
  void anotherMethodOfTheOwnerIsNot() {
    byte[] classFile = calling(Opcodes.INVOKESTATIC, "java/time/Instant", "parse", false);
    assertThat(ConstantPool.of(classFile).callsAny(NOW, INSTANT_NOW::contains)).isFalse();
  }

  @Test
  void anInterfacesMethodIsNot() {
    byte[] classFile = calling(Opcodes.INVOKEINTERFACE, "java/time/Instant", "now", true);
    assertThat(ConstantPool.of(classFile).callsAny(NOW, INSTANT_NOW::contains)).isFalse();
  }

  @Test
  void entriesAfterALongAndADoubleAreFound() {
    ClassWriter writer = header();
    MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
    method.visitCode();
    method.visitLdcInsn(42L);
    method.visitLdcInsn(4.2d);
    method.visitInsn(Opcodes.POP2);
    method.visitInsn(Opcodes.POP2);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC, "java/time/Instant", "now", "()Ljava/time/Instant;", false);
    method.visitInsn(Opcodes.POP);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
    byte[] classFile = writer.toByteArray();
    assertThat(ConstantPool.of(classFile).callsAny(NOW, INSTANT_NOW::contains)).isTrue();
  }

  @Test
  void aUtf8EntryIsFoundByItsEnd() {
    ClassWriter writer = header();
    writer.visitAnnotation("Lcom/acme/Checkpoint;", true).visitEnd();
    ConstantPool pool = ConstantPool.of(writer.toByteArray());
    assertThat(pool.hasUtf8EndingWith(ascii("/Checkpoint;"))).isTrue();
    assertThat(pool.hasUtf8EndingWith(ascii("/Checkpoint"))).isFalse();
    assertThat(pool.hasUtf8EndingWith(ascii("/ActiveCheckpoint;"))).isFalse();
  }

  @Test
  void theBytesOfCodeAreNotPartOfThePool() {
    // An entry's end found in the middle of another entry is no entry of that name.
    ClassWriter writer = header();
    writer.visitAnnotation("Lcom/acme/Checkpoint;Other", true).visitEnd();
    assertThat(ConstantPool.of(writer.toByteArray()).hasUtf8EndingWith(ascii("/Checkpoint;")))
        .isFalse();
  }

  @Test
  void aPoolItCannotWalkAnswersYes() {
    byte[] classFile = calling(Opcodes.INVOKESTATIC, "java/time/Year", "now", false);
    byte[] cut = Arrays.copyOf(classFile, 40);
    assertThat(ConstantPool.of(cut).callsAny(NOW, INSTANT_NOW::contains)).isTrue();
    assertThat(ConstantPool.of(cut).hasUtf8EndingWith(ascii("/Checkpoint;"))).isTrue();
    byte[] unknownTag = classFile.clone();
    unknownTag[10] = 99;
    assertThat(ConstantPool.of(unknownTag).callsAny(NOW, INSTANT_NOW::contains)).isTrue();
  }

  private static byte[] calling(int opcode, String owner, String name, boolean isInterface) {
    ClassWriter writer = header();
    MethodVisitor method = writer.visitMethod(Opcodes.ACC_STATIC, "m", "()V", null, null);
    method.visitCode();
    method.visitMethodInsn(opcode, owner, name, "()Ljava/lang/Object;", isInterface);
    method.visitInsn(Opcodes.POP);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
    return writer.toByteArray();
  }

  private static ClassWriter header() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "example/Made", null, "java/lang/Object", null);
    return writer;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
