package dev.checkpoint.agent.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Two fields the agent adds to Jedis's {@code Connection}, so that a command costs its advice a
 * field read and the volatile read of the recording mode while recording is off, rather than a
 * look-up of the connection's state elsewhere: {@value #CALLS}, the connection's {@code
 * ConnectionCalls} while a recorded command is in flight (else {@code null}), and {@value #UNREAD},
 * how many replies of commands sent unrecorded it has still to read, so that a reply is paired with
 * its command when recording switches on between a pipeline's sends and reads. The class is
 * transformed as it is loaded, so adding fields is allowed; the advice, inlined into the class,
 * reads and writes them as its own.
 */
public final class JedisConnectionFields {

  /** The connection's calls while a recorded command is in flight, else {@code null}. */
  public static final String CALLS = "checkpoint$calls";

  /** How many replies of commands sent unrecorded are still to be read. */
  public static final String UNREAD = "checkpoint$unread";

  private static final int MODIFIERS =
      Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC;

  /** Binds an advice parameter to {@value #CALLS}, an {@code Object}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface Calls {}

  /** Binds an advice parameter to {@value #UNREAD}, an {@code int}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface Unread {}

  private JedisConnectionFields() {}

  /** Adds the fields to the class. */
  static AgentBuilder.Transformer added() {
    AsmVisitorWrapper fields =
        new AsmVisitorWrapper.AbstractBase() {
          @Override
          public ClassVisitor wrap(
              TypeDescription instrumentedType,
              ClassVisitor classVisitor,
              Implementation.Context implementationContext,
              TypePool typePool,
              FieldList<FieldDescription.InDefinedShape> fields,
              MethodList<?> methods,
              int writerFlags,
              int readerFlags) {
            return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
              @Override
              public void visitEnd() {
                super.visitField(MODIFIERS, CALLS, "Ljava/lang/Object;", null, null).visitEnd();
                super.visitField(MODIFIERS, UNREAD, "I", null, null).visitEnd();
                super.visitEnd();
              }
            };
          }
        };
    return (builder, type, loader, module, domain) -> builder.visit(fields);
  }

  /** Advice whose {@link Calls} and {@link Unread} parameters are the fields. */
  static Advice.WithCustomMapping mapping() {
    return Advice.withCustomMapping()
        .bind(Calls.class, new Field(CALLS, Object.class))
        .bind(Unread.class, new Field(UNREAD, int.class));
  }

  /** A field {@link #added} to the instrumented type, which Byte Buddy's description lacks. */
  private record Field(String name, Class<?> type) implements Advice.OffsetMapping {
    @Override
    public Target resolve(
        TypeDescription instrumentedType,
        MethodDescription instrumentedMethod,
        Assigner assigner,
        Advice.ArgumentHandler argumentHandler,
        Sort sort) {
      return new Target.ForField.ReadWrite(
          new FieldDescription.Latent(
              instrumentedType,
              name,
              MODIFIERS,
              TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(type),
              List.of()));
    }
  }
}
