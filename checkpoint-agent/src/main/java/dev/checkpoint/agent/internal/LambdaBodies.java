package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The lambdas of a class that implement a {@code @Checkpoint} method of an interface, such as
 * {@code PricingService catalogue() { return (id, quantity) -> ...; }} for {@code @Checkpoint Quote
 * price(String id, int quantity)}. The JVM hands no lambda class to an agent, so the agent
 * instruments the body the compiler made of the lambda ({@code lambda$catalogue$0}, a synthetic
 * method of the class that wrote it), and records it as the interface method, as {@code
 * Checkpoints.wrap} would.
 *
 * <p>Found in the class file's {@code invokedynamic} instructions that call the {@code
 * LambdaMetafactory}: their name is the interface method's, their type returns the interface, and
 * their arguments name the body. Method references ({@code this::price}) are left out: the method
 * they name is called elsewhere too.
 */
final class LambdaBodies {

  private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

  /** The bodies of the class being transformed on this thread, by name and descriptor. */
  private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(Map::of);

  private LambdaBodies() {}

  /**
   * Runs {@code transformer} with the class's lambda bodies known to {@link #matcher()} and {@link
   * #target}.
   *
   * @param transformer transforms the class
   * @return the transformer that scans the class first
   */
  static ClassFileTransformer scanning(ClassFileTransformer transformer) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classfileBuffer)
          throws IllegalClassFormatException {
        // The agent ignores the bootstrap class loader's classes.
        if (loader == null) {
          return null;
        }
        scan(loader, classfileBuffer);
        try {
          return transformer.transform(
              module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        } finally {
          CURRENT.remove();
        }
      }
    };
  }

  /**
   * Scans a class file for lambdas of {@code @Checkpoint} interface methods, for the matcher and
   * {@link #target} while the class is transformed on this thread.
   *
   * @param loader the class loader that defines the class, which reads the interfaces' class files
   * @param classFile the class file
   */
  private static void scan(ClassLoader loader, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    String owner = reader.getClassName();
    Map<String, String> bodies = new HashMap<>();
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
              @Override
              public void visitInvokeDynamicInsn(
                  String samName, String indyType, Handle bootstrap, Object... arguments) {
                if (!METAFACTORY.equals(bootstrap.getOwner())
                    || arguments.length < 2
                    || !(arguments[0] instanceof Type samType)
                    || !(arguments[1] instanceof Handle body)
                    || !body.getOwner().equals(owner)
                    || !body.getName().startsWith("lambda$")) {
                  return;
                }
                String iface = Type.getReturnType(indyType).getInternalName();
                byte[] ifaceFile = iface.equals(owner) ? classFile : read(loader, iface);
                if (ifaceFile != null && annotated(ifaceFile, samName, samType.getDescriptor())) {
                  bodies.put(
                      body.getName() + body.getDesc(),
                      iface.replace('/', '.') + "#" + samName + samType.getDescriptor());
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    CURRENT.set(bodies.isEmpty() ? Map.of() : bodies);
  }

  /** The lambda bodies {@link #scan} found. */
  static ElementMatcher.Junction<MethodDescription> matcher() {
    return new ElementMatcher.Junction.AbstractBase<>() {
      @Override
      public boolean matches(MethodDescription method) {
        return target(method) != null;
      }
    };
  }

  /**
   * The interface method a lambda body implements, as {@code AgentBridge} reads it.
   *
   * @param method a method of the class being transformed
   * @return {@code interface#nameDescriptor}, or {@code null} when it is no such body
   */
  static String target(MethodDescription method) {
    return CURRENT.get().get(method.getInternalName() + method.getDescriptor());
  }

  private static byte[] read(ClassLoader loader, String type) {
    try (InputStream in = loader.getResourceAsStream(type + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the interface or its method {@code name descriptor} carries the annotation. */
  private static boolean annotated(byte[] ifaceFile, String name, String descriptor) {
    boolean[] found = new boolean[1];
    new ClassReader(ifaceFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public AnnotationVisitor visitAnnotation(String type, boolean visible) {
                found[0] |= CheckpointAnnotationTypes.isOne(type, visible);
                return null;
              }

              @Override
              public MethodVisitor visitMethod(
                  int access, String method, String desc, String signature, String[] exceptions) {
                if (!method.equals(name) || !desc.equals(descriptor)) {
                  return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public AnnotationVisitor visitAnnotation(String type, boolean visible) {
                    found[0] |= CheckpointAnnotationTypes.isOne(type, visible);
                    return null;
                  }
                };
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }
}
