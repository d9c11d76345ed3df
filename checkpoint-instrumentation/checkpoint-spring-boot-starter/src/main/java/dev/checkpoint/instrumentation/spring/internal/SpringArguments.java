package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.spi.MethodPlan;
import java.lang.reflect.Parameter;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * What a {@code @Checkpoint} handler records of the arguments Spring MVC and the servlet container
 * supply: the page's model, the request and response, the session and streams are left out (they
 * are the framework's state, not the call's input, and mostly cannot be serialised); a {@code
 * BindingResult} is recorded as its errors, an upload as its name, file name, size and type, a
 * {@code Principal} as its name. Types are looked up by name, so that a class missing from the
 * application (no Spring MVC, no servlet API) is simply not known.
 */
public final class SpringArguments implements MethodPlan.Arguments {

  /** The one instance: the rules are the same for every method. */
  public static final SpringArguments INSTANCE = new SpringArguments();

  private static final Function<Object, Object> AS_IT_IS = Function.identity();

  private final List<Rule> rules = new ArrayList<>();

  private SpringArguments() {
    // Model covers RedirectAttributes and the model maps Spring MVC hands in.
    leaveOut("org.springframework.ui.Model");
    leaveOut("org.springframework.ui.ModelMap");
    leaveOut("org.springframework.web.bind.support.SessionStatus");
    leaveOut("org.springframework.web.context.request.WebRequest");
    leaveOut("org.springframework.web.util.UriComponentsBuilder");
    leaveOut("jakarta.servlet.ServletRequest");
    leaveOut("jakarta.servlet.ServletResponse");
    leaveOut("jakarta.servlet.http.HttpSession");
    leaveOut("java.io.InputStream");
    leaveOut("java.io.OutputStream");
    leaveOut("java.io.Reader");
    leaveOut("java.io.Writer");
    summarise("org.springframework.validation.Errors", SpringArguments::errors);
    summarise("org.springframework.web.multipart.MultipartFile", Uploads::multipartFile);
    summarise("jakarta.servlet.http.Part", Uploads::part);
    summarise("java.security.Principal", SpringArguments::principal);
  }

  @Override
  public Function<Object, Object> of(Parameter parameter) {
    for (Rule rule : rules) {
      if (rule.type().isAssignableFrom(parameter.getType())) {
        return rule.recording();
      }
    }
    return AS_IT_IS;
  }

  private void leaveOut(String typeName) {
    add(typeName, null);
  }

  private void summarise(String typeName, Function<Object, Object> summary) {
    // A null argument (an optional upload not sent) stays null.
    add(typeName, argument -> argument == null ? null : summary.apply(argument));
  }

  private void add(String typeName, Function<Object, Object> recording) {
    ClassLoader loader = SpringArguments.class.getClassLoader();
    if (ClassUtils.isPresent(typeName, loader)) {
      rules.add(new Rule(ClassUtils.resolveClassName(typeName, loader), recording));
    }
  }

  /**
   * A {@code BindingResult}'s errors: messages by field, then the object's own. Rejected values are
   * left out: the form object beside it holds them, redacted by key.
   */
  private static Object errors(Object argument) {
    Errors errors = (Errors) argument;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (FieldError error : errors.getFieldErrors()) {
      fields.computeIfAbsent(error.getField(), field -> new ArrayList<>()).add(message(error));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("fieldErrors", fields);
    summary.put(
        "globalErrors", errors.getGlobalErrors().stream().map(SpringArguments::message).toList());
    return summary;
  }

  private static String message(ObjectError error) {
    return error.getDefaultMessage() != null ? error.getDefaultMessage() : error.getCode();
  }

  private static Object principal(Object argument) {
    return Map.of("name", String.valueOf(((Principal) argument).getName()));
  }

  private record Rule(Class<?> type, Function<Object, Object> recording) {}
}
