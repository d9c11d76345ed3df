package dev.checkpoint.agent.internal;

import dev.checkpoint.agent.internal.bootstrap.TimeAndIds;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites the application's calls of the JDK's time and random-id methods ({@code Instant.now()},
 * {@code System.currentTimeMillis()}, {@code Clock.systemUTC()}, {@code LocalDate.now()} and the
 * other {@code now()} of {@code java.time}, {@code UUID.randomUUID()}) into calls of {@link
 * TimeAndIds}, which has the same signatures: each call site is one static call for another, so the
 * class keeps its shape, its stack map frames and its line numbers. The JDK itself is not touched,
 * so its own calls and other libraries' stay as they are.
 *
 * <p>Only classes that can be the application's are rewritten: not those of the bootstrap class
 * loader or a named module, nor the packages the agent never instruments, nor the clients whose
 * calls replay answers without running them (HTTP clients, JDBC drivers and pools, brokers): a time
 * they read while recording would not be read in replay, and every later value would come back one
 * place off. A class is rewritten only when its constant pool refers to one of the substituted
 * methods: most classes are rejected by that walk alone.
 */
final class TimeAndIdsSubstitution implements ClassFileTransformer {

  private static final String BRIDGE = TimeAndIds.class.getName().replace('.', '/');

  /**
   * Packages whose time reads are not the application's, in internal form, besides the agent's
   * ignored packages and the libraries whose types it hooks by name: those it hooks by a super type
   * (JDBC drivers, pools, servlet containers: open sets, with no package to derive), and companions
   * of hooked libraries in packages of their own.
   */
  private static final PackagePrefixes NOT_APPLICATION =
      PackagePrefixes.of(
          List.of(
              "dev/checkpoint/",
              // OkHttp's I/O; Apache HttpClient 4, not recorded, whose pool reads the clock as 5's
              // does.
              "okio/",
              "org/apache/http/",
              "com/zaxxer/hikari/",
              "org/apache/tomcat/jdbc/",
              "com/mchange/",
              // Object pools (Jedis's, DBCP's) read the clock on every borrow and return.
              "org/apache/commons/pool2/",
              "org/apache/commons/dbcp2/",
              "org/sqlite/",
              "org/postgresql/",
              "org/mariadb/",
              "com/mysql/",
              "org/h2/",
              "org/hsqldb/",
              "oracle/jdbc/",
              "com/microsoft/sqlserver/",
              "org/apache/catalina/",
              "org/apache/coyote/",
              "org/apache/tomcat/",
              "io/undertow/"));

  /** By owner, name and descriptor of the JDK method: the name of the bridge method. */
  private static final Map<String, String> SUBSTITUTES =
      Map.ofEntries(
          Map.entry("java/time/Instant.now()Ljava/time/Instant;", "instantNow"),
          Map.entry("java/lang/System.currentTimeMillis()J", "currentTimeMillis"),
          Map.entry("java/util/UUID.randomUUID()Ljava/util/UUID;", "randomUUID"),
          Map.entry("java/time/Clock.systemUTC()Ljava/time/Clock;", "systemUTC"),
          Map.entry("java/time/Clock.systemDefaultZone()Ljava/time/Clock;", "systemDefaultZone"),
          Map.entry("java/time/Clock.system(Ljava/time/ZoneId;)Ljava/time/Clock;", "system"),
          Map.entry("java/time/LocalDate.now()Ljava/time/LocalDate;", "localDateNow"),
          Map.entry(
              "java/time/LocalDate.now(Ljava/time/ZoneId;)Ljava/time/LocalDate;", "localDateNow"),
          Map.entry("java/time/LocalDateTime.now()Ljava/time/LocalDateTime;", "localDateTimeNow"),
          Map.entry(
              "java/time/LocalDateTime.now(Ljava/time/ZoneId;)Ljava/time/LocalDateTime;",
              "localDateTimeNow"),
          Map.entry("java/time/LocalTime.now()Ljava/time/LocalTime;", "localTimeNow"),
          Map.entry(
              "java/time/LocalTime.now(Ljava/time/ZoneId;)Ljava/time/LocalTime;", "localTimeNow"),
          Map.entry(
              "java/time/OffsetDateTime.now()Ljava/time/OffsetDateTime;", "offsetDateTimeNow"),
          Map.entry(
              "java/time/OffsetDateTime.now(Ljava/time/ZoneId;)Ljava/time/OffsetDateTime;",
              "offsetDateTimeNow"),
          Map.entry("java/time/ZonedDateTime.now()Ljava/time/ZonedDateTime;", "zonedDateTimeNow"),
          Map.entry(
              "java/time/ZonedDateTime.now(Ljava/time/ZoneId;)Ljava/time/ZonedDateTime;",
              "zonedDateTimeNow"));

  /** The substituted methods by owner and name, such as {@code java/time/Instant.now}. */
  private static final Set<String> OWNERS_AND_NAMES =
      SUBSTITUTES.keySet().stream()
          .map(method -> method.substring(0, method.indexOf('(')))
          .collect(Collectors.toUnmodifiableSet());

  /** The substituted methods' names, such as {@code now}. */
  private static final byte[][] NAMES =
      OWNERS_AND_NAMES.stream()
          .map(method -> method.substring(method.indexOf('.') + 1))
          .distinct()
          .map(name -> name.getBytes(StandardCharsets.US_ASCII))
          .toArray(byte[][]::new);

  private final PackagePrefixes ignored;

  /**
   * Creates the substitution.
   *
   * @param ignoredPackages packages never instrumented, such as {@code org.springframework.}
   * @param hookedLibraries the packages of the libraries the agent hooks by type name, such as
   *     {@code okhttp3.}
   */
  TimeAndIdsSubstitution(List<String> ignoredPackages, List<String> hookedLibraries) {
    this.ignored =
        PackagePrefixes.of(
            Stream.concat(ignoredPackages.stream(), hookedLibraries.stream()).toList());
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (loader == null
        || className == null
        || (module != null && module.isNamed())
        || !isApplication(className)
        || !mayCall(classfileBuffer)) {
      return null;
    }
    try {
      return rewritten(classfileBuffer);
    } catch (RuntimeException | LinkageError e) {
      FailureLog.failed(className, e);
      return null;
    }
  }

  /** Whether the class is one whose time reads are the application's. */
  boolean isApplication(String className) {
    return !ignored.contain(className) && !NOT_APPLICATION.contain(className);
  }

  /**
   * Whether the class file refers to one of the substituted methods, read from its constant pool.
   * Naming {@code java/time/} is not enough: many of a library's classes name its types
   * (Hibernate's type handling does), few call a {@code now()}, and the ASM pass over each of them
   * was a noticeable part of the agent's start-up.
   */
  static boolean mayCall(byte[] classFile) {
    return ConstantPool.of(classFile).callsAny(NAMES, OWNERS_AND_NAMES::contains);
  }

  /** The class with its calls substituted, or {@code null} when it makes none. */
  static byte[] rewritten(byte[] classFile) {
    ClassReader reader = OpenedClassReader.of(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] substituted = {false};
    reader.accept(
        new ClassVisitor(OpenedClassReader.ASM_API, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(
                OpenedClassReader.ASM_API,
                super.visitMethod(access, name, descriptor, signature, exceptions)) {
              @Override
              public void visitMethodInsn(
                  int opcode, String owner, String method, String desc, boolean isInterface) {
                String substitute =
                    opcode == Opcodes.INVOKESTATIC && !isInterface
                        ? SUBSTITUTES.get(owner + '.' + method + desc)
                        : null;
                if (substitute == null) {
                  super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                } else {
                  substituted[0] = true;
                  super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, substitute, desc, false);
                }
              }
            };
          }
        },
        0);
    return substituted[0] ? writer.toByteArray() : null;
  }
}
