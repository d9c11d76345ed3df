package dev.checkpoint.junit.internal;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.junit.CheckpointReplay;
import dev.checkpoint.junit.RecordMode;
import dev.checkpoint.junit.RecordedCall;
import dev.checkpoint.junit.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContextException;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link CheckpointReplay}: decides per test whether it replays or records,
 * resolves {@link Replay} parameters, and after the test fails it for unmatched and unused calls,
 * or writes the recorded asset.
 */
public final class ReplayExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, InvocationInterceptor {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ReplayExtension.class);
  private static final String SESSION = "session";
  private static final String SPRING_EXTENSION =
      "org.springframework.test.context.junit.jupiter.SpringExtension";

  /* Settles the settings before a Spring context of the class loads, which reads the assets. */
  @Override
  public void beforeAll(ExtensionContext context) {
    ReplaySettings.from(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(SESSION, open(context));
  }

  private static ReplaySession open(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    CheckpointReplay config =
        ReplayAssets.config(method, context.getRequiredTestClass())
            .orElseThrow(
                () ->
                    new ExtensionContextException(
                        "ReplayExtension is registered without @CheckpointReplay on "
                            + method
                            + "; annotate the test class or method with @CheckpointReplay."));
    ReplaySettings settings = ReplaySettings.from(context);
    RecordMode mode = settings.mode(config.mode());
    String service = config.service();
    if (Arrays.asList(method.getParameterTypes()).contains(RecordedCall.class)) {
      return ReplaySession.replaying(
          "(recorded call)",
          mode,
          config.strict(),
          null,
          service,
          answered(context.getRequiredTestClass()));
    }
    String name = ReplayAssets.name(config, context.getRequiredTestClass(), method);
    Path file = settings.assetsDir().resolve(name);
    Optional<Asset> asset =
        ReplayAssets.read(
            settings.assetsDir(), name, context.getRequiredTestClass().getClassLoader());
    if (settings.ci() && settings.writeRequested()) {
      throw new ExtensionContextException(
          "Refusing to write the asset "
              + name
              + ": "
              + (settings.update() ? "checkpoint.update=true" : "checkpoint.record=all")
              + " asks to record and rewrite assets, but CI=true, and CI builds never write"
              + " assets: what they would write is lost with the build, and drift would go"
              + " unreviewed. Run update mode locally and commit the rewritten assets, or drop"
              + " the setting from the CI build.");
    }
    boolean record = mode == RecordMode.ALL || (mode == RecordMode.ONCE && asset.isEmpty());
    if (record && isSpringTest(context.getRequiredTestClass())) {
      throw new ExtensionContextException(
          "Cannot record "
              + name
              + (asset.isEmpty()
                  ? " (it is missing: looked at " + file + " and on the class path)"
                  : "")
              + " in a Spring test: its application context answers SQL and HTTP from the"
              + " recording, so there is nothing live to record. Record the running application"
              + " with the Checkpoint starter (checkpoint.mode=ON), export the tree with 'checkpoint"
              + " export --trace <trace id> --output "
              + file.getParent()
              + "' as "
              + file.getFileName()
              + ", and run this test again with the asset in place"
              + (mode == RecordMode.ALL ? " and without update mode." : "."));
    }
    if (!record && asset.isEmpty()) {
      throw new ExtensionContextException(
          settings.ci()
              ? "Cannot record the missing asset "
                  + name
                  + ": CI=true, and CI builds never write assets (record mode NONE), because"
                  + " what they would write is lost with the build and was never reviewed."
                  + " Record it locally by running this test without CI=true, and commit "
                  + file
                  + "."
              : "The asset "
                  + name
                  + " is missing (looked at "
                  + file
                  + " and for checkpoints/"
                  + name
                  + " on the class path), and the record mode is NONE. Record it with mode"
                  + " ONCE or -Dcheckpoint.update=true, and commit it.");
    }
    return record
        ? ReplaySession.recording(name, mode, file, asset.orElse(null), service)
        : ReplaySession.replaying(
            name,
            mode,
            config.strict(),
            asset.get(),
            service,
            answered(context.getRequiredTestClass()));
  }

  /*
   * A Spring application's Redis and messaging beans record with the starter's recorder, not the
   * test's, so their calls reach the servers: they are not collected, and strict mode does not
   * report them as never made.
   */
  private static Set<ReplayViews.Protocol> answered(Class<?> testClass) {
    return isSpringTest(testClass) ? ReplaySession.STUBBED : ReplaySession.ALL;
  }

  /* By name: Spring need not be on the class path of a test that does not use it. */
  private static boolean isSpringTest(Class<?> testClass) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      for (ExtendWith extendWith :
          AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class)) {
        for (Class<?> extension : extendWith.value()) {
          if (extension.getName().equals(SPRING_EXTENSION)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Replay.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ReplaySession session = context.getStore(NAMESPACE).get(SESSION, ReplaySession.class);
    if (session == null) {
      throw new ExtensionContextException(
          "A Replay parameter belongs to a test method, its @BeforeEach methods or its"
              + " @ParameterizedTest arguments; "
              + parameter.getDeclaringExecutable()
              + " is neither.");
    }
    return session;
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    run(invocation, invocationContext.getArguments(), context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    run(invocation, invocationContext.getArguments(), context);
  }

  private static void run(
      Invocation<Void> invocation, List<Object> arguments, ExtensionContext context)
      throws Throwable {
    ReplaySession session = context.getStore(NAMESPACE).get(SESSION, ReplaySession.class);
    if (session == null) {
      invocation.proceed();
      return;
    }
    try {
      for (Object argument : arguments) {
        if (argument instanceof RecordedCall call) {
          session.replayCall(call);
        }
      }
      if (session.isRecording()) {
        record(invocation, session, context);
      } else {
        replay(invocation, session);
      }
    } finally {
      session.close();
    }
  }

  private static void replay(Invocation<Void> invocation, ReplaySession session) throws Throwable {
    Throwable failure = null;
    try {
      invocation.proceed();
    } catch (Throwable e) {
      failure = e;
    }
    List<String> unmatched = session.ledger().failures();
    if (!unmatched.isEmpty()) {
      AssertionFailedError error = new AssertionFailedError(String.join("\n\n", unmatched));
      if (failure != null) {
        error.addSuppressed(failure);
      }
      throw error;
    }
    if (failure != null) {
      throw failure;
    }
    if (session.strict()) {
      Optional<String> unused = session.ledger().unused();
      if (unused.isPresent()) {
        throw new AssertionFailedError(unused.get());
      }
    }
  }

  private static void record(
      Invocation<Void> invocation, ReplaySession session, ExtensionContext context)
      throws Throwable {
    String root =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    try (ActiveCheckpoint checkpoint = session.recorder().start(Kind.METHOD, root, null)) {
      invocation.proceed();
    }
    Asset existing = session.existing();
    Normaliser normaliser = existing == null ? Normaliser.defaults() : existing.normaliser();
    Asset fresh = AssetRecording.asset(session.exporter().checkpoints(), normaliser);
    Path file = session.file();
    TreeDiff diff = existing == null ? null : StructuralDiff.defaults().compare(existing, fresh);
    // A recording that differs from the asset only in its noise leaves the file as it is.
    if (diff == null || !diff.isEmpty()) {
      try {
        AssetFormat.write(fresh, file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the asset " + file, e);
      }
    }
    String report =
        diff == null
            ? "Recorded "
                + session.asset()
                + ": "
                + fresh.flatten().size()
                + " checkpoints written to "
                + file
            : "Updated "
                + session.asset()
                + " ("
                + file
                + "):"
                + (diff.isEmpty()
                    ? " no changes, the file is left as it was."
                    : "\n"
                        + FirstDivergence.of(diff)
                            .map(first -> DiffRenderer.text(first, false))
                            .orElse("")
                        + DiffRenderer.text(diff, false).stripTrailing());
    context.publishReportEntry("checkpoint.asset", report);
    System.out.println(report);
  }
}
