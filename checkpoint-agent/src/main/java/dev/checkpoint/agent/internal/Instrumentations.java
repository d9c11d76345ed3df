package dev.checkpoint.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** Where the agent applies the instrumentation: one ByteBuddy transformation per point. */
final class Instrumentations {

  /** The Kafka client's producer and consumer; the agent records through their wrappers. */
  static final String KAFKA_PRODUCER = "org.apache.kafka.clients.producer.KafkaProducer";

  static final String KAFKA_CONSUMER = "org.apache.kafka.clients.consumer.KafkaConsumer";

  /** Jedis's connection, whose sends and reads the agent records. */
  static final String JEDIS_CONNECTION = "redis.clients.jedis.Connection";

  private static final String APACHE_HTTP_CLIENT_BUILDER =
      "org.apache.hc.client5.http.impl.classic.HttpClientBuilder";

  private static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";

  private static final String LETTUCE_CLIENT = "io.lettuce.core.AbstractRedisClient";

  private static final String RABBITMQ_CONNECTION_FACTORY = "com.rabbitmq.client.ConnectionFactory";

  private static final String JAVA_HTTP_CLIENT_BUILDER =
      "jdk.internal.net.http.HttpClientBuilderImpl";

  /** The builder behind {@code WebClient.builder()} and Spring Boot's {@code WebClient.Builder}. */
  private static final String WEBCLIENT_BUILDER =
      "org.springframework.web.reactive.function.client.DefaultWebClientBuilder";

  /**
   * Packages the agent never instruments, matched by name before Byte Buddy parses a class: the
   * agent, its shaded libraries and the library's own wrappers; the JDK's classes outside the
   * bootstrap class loader (with the annotation proxies Java makes for {@code @Checkpoint}) but the
   * {@code HttpClient} builder; and libraries common in services that hold no instrumentation point
   * (no servlet base class, JDBC driver or {@code DataSource}, HTTP client builder). Each class the
   * application loads is otherwise parsed and its super types walked, and that matching, with the
   * JIT compilation it sets off, was most of the agent's start-up cost.
   */
  private static final List<String> IGNORED_PACKAGES =
      List.of(
          "dev.checkpoint.agent.",
          "dev.checkpoint.core.",
          "dev.checkpoint.instrumentation.",
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "com.fasterxml.jackson.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "groovy.",
          "net.bytebuddy.",
          "org.objectweb.asm.",
          "org.slf4j.",
          "ch.qos.logback.",
          "org.apache.logging.",
          "org.apache.commons.logging.",
          "org.eclipse.jetty.",
          "io.netty.",
          "io.micrometer.",
          "com.google.common.",
          "org.thymeleaf.",
          "org.attoparser.",
          "org.unbescape.",
          "org.springframework.",
          // Jackson 3, Reactor, the Jakarta Persistence API and what Spring and Hibernate bring
          // with them: many classes in a Spring Boot application, none of them a point.
          "tools.jackson.",
          "reactor.",
          "org.reactivestreams.",
          "jakarta.persistence.",
          "org.jboss.logging.",
          "org.aspectj.",
          "org.jspecify.");

  /**
   * Packages of libraries whose time reads are the application's, so not ignored, but that hold no
   * JDBC driver, pool or servlet: the super type pre-filter does not read their classes' super
   * types. Hibernate loads thousands of classes with many super interfaces each, and reading those
   * (the class loader looks each one up in the JDK's image, then in every jar of the class path)
   * was the largest part of the agent's start-up CPU on a Spring Boot application with JPA.
   */
  static final List<String> WITHOUT_SUPER_TYPE_POINTS = List.of("org.hibernate.");

  /** The types the agent hooks by name (the others by a super type: drivers, pools, servlets). */
  static final List<String> HOOKED_TYPES =
      List.of(
          JAVA_HTTP_CLIENT_BUILDER,
          APACHE_HTTP_CLIENT_BUILDER,
          WEBCLIENT_BUILDER,
          OKHTTP_CLIENT,
          KAFKA_PRODUCER,
          KAFKA_CONSUMER,
          LETTUCE_CLIENT,
          JEDIS_CONNECTION,
          RABBITMQ_CONNECTION_FACTORY);

  /**
   * The libraries of the {@link #HOOKED_TYPES} outside the ignored packages, whole: Kafka's client
   * reads the time in {@code org.apache.kafka.common}, HttpClient 5's pool in {@code
   * org.apache.hc.core5}, not in the hooked type's package. Replay answers their calls without
   * running them, so their own reads of the time and of random ids are not substituted ({@link
   * TimeAndIdsSubstitution}); a test checks that every hooked type is in one of them or ignored.
   */
  static final List<String> HOOKED_LIBRARIES =
      List.of(
          "okhttp3.",
          "org.apache.hc.",
          "org.apache.kafka.",
          "io.lettuce.",
          "redis.clients.",
          "com.rabbitmq.");

  /** Under an ignored package, but instrumented. */
  private static final List<String> INSTRUMENTED_NAMES =
      List.of(JAVA_HTTP_CLIENT_BUILDER, WEBCLIENT_BUILDER, "org.springframework.jdbc.");

  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

  private Instrumentations() {}

  static void install(Instrumentation instrumentation) {
    // Byte Buddy's Nexus serves initializers of generated classes, which inlined advice has none
    // of; its set-up would reach for sun.misc.Unsafe, which JDK 24 and later warn about. The shade
    // plugin relocates the name with Byte Buddy's own, so the application's Byte Buddy is not told.
    if (System.getProperty(NEXUS_DISABLED) == null) {
      System.setProperty(NEXUS_DISABLED, "true");
    }
    ElementMatcher.Junction<MethodDescription> checkpointMethods =
        isMethod()
            .and(not(isAbstract()))
            .and(
                not(isSynthetic())
                    .and(
                        isAnnotatedWith(CheckpointAnnotationTypes.matcher())
                            .or(
                                isPublic()
                                    .and(
                                        isDeclaredBy(
                                            isAnnotatedWith(CheckpointAnnotationTypes.matcher())))))
                    .or(LambdaBodies.matcher()));
    AgentBuilder agent =
        // Type validation checks what Byte Buddy builds, and inlined advice builds nothing new.
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            // The advice is inlined and adds no class or initializer: nothing to inject.
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(new TypePoolCache())
            .with(new FailureLog())
            // Rejected by class loader and name first, so that most classes are never parsed.
            .ignore(any(), isBootstrapClassLoader())
            .or(ignoredNames())
            .or(isSynthetic());
    // The points that are one class each: only those classes reach Byte Buddy.
    Set<String> named = new HashSet<>();
    ClassFileTransformer namedPoints =
        agent
            .type(point(named, JAVA_HTTP_CLIENT_BUILDER))
            .transform(
                advice(Advices.JavaHttpClientBuilt.class, named("build").and(takesArguments(0))))
            // Code in the java.net.http module reads only named modules unless told otherwise.
            .assureReadEdgeTo(instrumentation, AgentBridge.class)
            .type(point(named, APACHE_HTTP_CLIENT_BUILDER))
            .transform(
                advice(Advices.ApacheHttpClientBuilt.class, named("build").and(takesArguments(0))))
            .type(point(named, WEBCLIENT_BUILDER))
            .transform(advice(Advices.WebClientBuilt.class, named("build").and(takesArguments(0))))
            .type(point(named, OKHTTP_CLIENT))
            .transform(
                advice(
                    Advices.OkHttpClientBuilt.class,
                    isConstructor()
                        .and(takesArguments(1))
                        .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder")))))
            .type(point(named, KAFKA_PRODUCER))
            .transform(
                delegatedWithResult(
                    named("send")
                        .and(takesArguments(2))
                        .and(
                            takesArgument(
                                0, named("org.apache.kafka.clients.producer.ProducerRecord")))))
            .type(point(named, KAFKA_CONSUMER))
            .transform(
                delegatedWithResult(
                    named("poll").and(takesArguments(1)).and(takesArgument(0, Duration.class))))
            .type(point(named, LETTUCE_CLIENT))
            .transform(advice(Advices.LettuceClientCreated.class, isConstructor()))
            .type(point(named, JEDIS_CONNECTION))
            .transform(JedisConnectionFields.added())
            .transform(
                new AgentBuilder.Transformer.ForAdvice(JedisConnectionFields.mapping())
                    .include(Instrumentations.class.getClassLoader())
                    .advice(
                        named("sendCommand")
                            .and(takesArguments(1))
                            .and(takesArgument(0, named("redis.clients.jedis.CommandArguments"))),
                        Advices.JedisSend.class.getName())
                    .advice(
                        named("readProtocolWithCheckingBroken").and(takesArguments(0)),
                        Advices.JedisRead.class.getName(),
                        Advices.DelegatedResult.class.getName()))
            .transform(
                advice(
                    Advices.Delegated.class,
                    named("initializeFromClientConfig")
                        .and(takesArguments(1))
                        .and(takesArgument(0, named("redis.clients.jedis.JedisClientConfig")))))
            .type(point(named, RABBITMQ_CONNECTION_FACTORY))
            .transform(
                advice(
                    Advices.RabbitMqConnectionFactoryCreated.class,
                    isConstructor().and(takesArguments(0))))
            .makeRaw();
    // Only a class with a driver or a pool among its super types, read from class file headers,
    // is matched against the JDBC points: the others are not parsed.
    ClassFileTransformer jdbc =
        agent
            .type(not(isInterface()).and(hasSuperType(named("java.sql.Driver"))))
            .transform(
                advice(
                    Advices.ConnectionReturned.class,
                    named("connect")
                        .and(takesArguments(2))
                        .and(returns(named("java.sql.Connection")))))
            .type(not(isInterface()).and(hasSuperType(named("javax.sql.DataSource"))))
            .transform(
                advice(
                    Advices.ConnectionReturned.class,
                    named("getConnection")
                        .and(not(isAbstract()))
                        .and(returns(named("java.sql.Connection")))))
            .makeRaw();
    // Every servlet, not only HttpServlet's subclasses: a servlet may implement the interface
    // itself. Only a class with Servlet among its super types is parsed.
    ClassFileTransformer servlets =
        agent
            .type(not(isInterface()).and(hasSuperType(named("jakarta.servlet.Servlet"))))
            .transform(
                advice(
                    Advices.ServletService.class,
                    named("service")
                        .and(not(isAbstract()))
                        .and(takesArguments(2))
                        .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))))
            .makeRaw();
    // Only a class whose class file names the annotation (the API's, or an application's own
    // annotation named Checkpoint) can have it: the others are not parsed.
    // Such a class's lambdas that implement a @Checkpoint interface method are found there too
    // (an interface's factory methods, typically).
    ClassFileTransformer methods =
        agent
            .type(
                ElementMatchers.<TypeDescription>declaresMethod(checkpointMethods)
                    .or(
                        not(isInterface())
                            .and(isAnnotatedWith(CheckpointAnnotationTypes.matcher()))))
            .transform(
                new AgentBuilder.Transformer.ForAdvice(
                        Advice.withCustomMapping().bind(Advices.Called.class, new CalledMethod()))
                    .include(Instrumentations.class.getClassLoader())
                    .advice(checkpointMethods, Advices.CheckpointMethod.class.getName()))
            .makeRaw();
    instrumentation.addTransformer(
        new IgnoredPackages(
            IGNORED_PACKAGES,
            INSTRUMENTED_NAMES,
            List.of(
                PreFilter.named(named, namedPoints),
                new SuperTypePreFilter(
                    Map.of(
                        "java/sql/Driver", jdbc,
                        "javax/sql/DataSource", jdbc,
                        "jakarta/servlet/Servlet", servlets),
                    WITHOUT_SUPER_TYPE_POINTS),
                // The application's own reads of the time and of random ids, kept and given back
                // in replay.
                timeAndIdsSubstitution(),
                PreFilter.naming(
                    CheckpointAnnotationTypes.DESCRIPTOR_END, LambdaBodies.scanning(methods)))));
  }

  /** The application's reads of the time and of random ids: not those of the packages above. */
  static TimeAndIdsSubstitution timeAndIdsSubstitution() {
    return new TimeAndIdsSubstitution(IGNORED_PACKAGES, HOOKED_LIBRARIES);
  }

  /** Matches the class by name, and adds its internal name to {@code names}. */
  private static ElementMatcher.Junction<TypeDescription> point(Set<String> names, String name) {
    names.add(name.replace('.', '/'));
    return named(name);
  }

  /**
   * Binds {@link Advices.Called}: the instrumented method's name and descriptor, or the interface
   * method a lambda's body implements.
   */
  private static final class CalledMethod implements Advice.OffsetMapping {
    @Override
    public Target resolve(
        TypeDescription instrumentedType,
        MethodDescription instrumentedMethod,
        Assigner assigner,
        Advice.ArgumentHandler argumentHandler,
        Sort sort) {
      String lambda = LambdaBodies.target(instrumentedMethod);
      return new Target.ForStackManipulation(
          new TextConstant(
              lambda != null
                  ? lambda
                  : instrumentedMethod.getInternalName() + instrumentedMethod.getDescriptor()));
    }
  }

  private static ElementMatcher.Junction<TypeDescription> ignoredNames() {
    ElementMatcher.Junction<TypeDescription> ignored = none();
    for (String prefix : IGNORED_PACKAGES) {
      ignored = ignored.or(nameStartsWith(prefix));
    }
    ElementMatcher.Junction<TypeDescription> instrumented = none();
    for (String prefix : INSTRUMENTED_NAMES) {
      instrumented = instrumented.or(nameStartsWith(prefix));
    }
    return ignored.and(not(instrumented));
  }

  /**
   * {@link Advices.Delegated} and {@link Advices.DelegatedResult}, for methods that return a value.
   */
  private static AgentBuilder.Transformer delegatedWithResult(
      ElementMatcher<? super MethodDescription> methods) {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(Instrumentations.class.getClassLoader())
        .advice(
            methods, Advices.Delegated.class.getName(), Advices.DelegatedResult.class.getName());
  }

  private static AgentBuilder.Transformer advice(
      Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
    return new AgentBuilder.Transformer.ForAdvice()
        .include(Instrumentations.class.getClassLoader())
        .advice(methods, advice.getName());
  }
}
