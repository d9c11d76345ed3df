package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.junit.CheckpointSource;
import dev.checkpoint.junit.RecordedCall;
import dev.checkpoint.junit.Replay;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.PreconditionViolationException;

/** Supplies the recorded calls for {@link CheckpointSource}, bound as documented there. */
public final class CheckpointArgumentsProvider
    extends AnnotationBasedArgumentsProvider<CheckpointSource> {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CheckpointArgumentsProvider.class);

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, CheckpointSource source) {
    ClassLoader loader = context.getRequiredTestClass().getClassLoader();
    ClasspathAssets assets =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(
                source.root(), root -> ClasspathAssets.load(root, loader), ClasspathAssets.class);
    List<RecordedCall> calls = assets.calls(source.name());
    if (calls.isEmpty()) {
      throw new PreconditionViolationException(
          assets.noCallNamed(source.name(), parameters.getSourceElementDescription()));
    }
    List<ParameterDeclaration> declarations = recordedParameters(parameters.getAll());
    return calls.stream()
        .map(call -> Arguments.argumentSet(call.toString(), bind(declarations, call, parameters)));
  }

  /* The parameters before the first one another resolver supplies, such as a Replay. */
  private static List<ParameterDeclaration> recordedParameters(List<ParameterDeclaration> all) {
    for (int i = 0; i < all.size(); i++) {
      Class<?> type = all.get(i).getParameterType();
      if (type == Replay.class || type == TestInfo.class || type == TestReporter.class) {
        return all.subList(0, i);
      }
    }
    return all;
  }

  private static Object[] bind(
      List<ParameterDeclaration> declarations, RecordedCall call, ParameterDeclarations all) {
    Object[] arguments = new Object[declarations.size()];
    boolean[] bound = new boolean[declarations.size()];
    JsonNode input = call.input();
    boolean byName = false;
    for (int i = 0; i < declarations.size(); i++) {
      ParameterDeclaration declaration = declarations.get(i);
      Optional<String> name = declaration.getParameterName();
      if (declaration.getParameterType() == RecordedCall.class) {
        arguments[i] = call;
        bound[i] = true;
      } else if (input.isObject() && name.isPresent() && input.has(name.get())) {
        arguments[i] =
            convert(input.get(name.get()), declaration, "input field '" + name.get() + "'", call);
        bound[i] = true;
        byName = true;
      }
    }
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < declarations.size(); i++) {
      if (!bound[i]) {
        free.add(i);
      }
    }
    boolean noInput = input.isNull() || (input.isObject() && input.isEmpty());
    if (!byName && !noInput && !free.isEmpty()) {
      int first = free.remove(0);
      boolean single = input.isObject() && input.size() == 1;
      arguments[first] =
          convert(
              single ? input.elements().next() : input,
              declarations.get(first),
              single ? "input field '" + input.fieldNames().next() + "'" : "input",
              call);
    }
    if (free.size() == 1 && free.get(0) == declarations.size() - 1) {
      int last = free.remove(0);
      arguments[last] = convert(call.output(), declarations.get(last), "output", call);
    }
    if (!free.isEmpty()) {
      ParameterDeclaration unbound = declarations.get(free.get(0));
      throw new ParameterResolutionException(
          "Cannot bind parameter "
              + unbound.getParameterName().map(n -> "'" + n + "' ").orElse("")
              + "(index "
              + unbound.getParameterIndex()
              + ") of "
              + all.getSourceElementDescription()
              + " to the recorded call "
              + call
              + ", whose input is "
              + (input.isObject() ? "an object with the fields " + fieldNames(input) : input)
              + ". Name parameters like the recorded arguments (compile with -parameters), take"
              + " the call as a RecordedCall parameter, or take the output as the last"
              + " parameter.");
    }
    return arguments;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(field -> names.add(field.getKey()));
    return names;
  }

  private static Object convert(
      JsonNode value, ParameterDeclaration declaration, String what, RecordedCall call) {
    try {
      return Payloads.convert(value, genericType(declaration), what, call);
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException(e.getMessage(), e.getCause());
    }
  }

  private static Type genericType(ParameterDeclaration declaration) {
    AnnotatedElement element = declaration.getAnnotatedElement();
    if (element instanceof Parameter parameter) {
      return parameter.getParameterizedType();
    }
    if (element instanceof Field field) {
      return field.getGenericType();
    }
    return declaration.getParameterType();
  }
}
