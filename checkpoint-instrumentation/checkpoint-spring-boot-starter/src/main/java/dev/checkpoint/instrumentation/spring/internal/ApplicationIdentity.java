package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.RunId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the starter knows of the application it records, for the settings the application leaves
 * unset: the service name from {@code spring.application.name}, else from the application's main
 * class ({@code PetClinicApplication} → {@code pet-clinic}); and the run of this start, {@code
 * manual-<service>-<UTC start time>}, which checkpoints recorded outside any run land in.
 *
 * @param applicationName {@code spring.application.name}, may be {@code null}
 * @param mainClass the {@code @SpringBootConfiguration} class, may be {@code null}
 * @param started when the application started
 */
public record ApplicationIdentity(String applicationName, Class<?> mainClass, Instant started) {

  private static final String SUFFIX = "Application";

  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Room in a run id for the service, beside the prefix and the time. */
  private static final int MAX_SERVICE_IN_RUN_ID = 96;

  /**
   * The application's own name for itself.
   *
   * @return {@code spring.application.name}, else the main class's simple name in kebab case
   *     without a trailing {@code Application}, else {@code null}
   */
  public String serviceName() {
    if (applicationName != null && !applicationName.isBlank()) {
      return applicationName.strip();
    }
    return mainClass == null ? null : kebabCase(mainClass.getSimpleName());
  }

  /**
   * The run of this start, for checkpoints recorded outside any run.
   *
   * @param service the service name in force
   * @return such as {@code manual-clinic-20261205T101530Z}; a valid run id
   */
  public String manualRunId(String service) {
    StringBuilder name = new StringBuilder(service.length());
    for (char c : service.toCharArray()) {
      name.append(Character.isLetterOrDigit(c) || ".-_:@+".indexOf(c) >= 0 ? c : '-');
    }
    String kept =
        name.length() > MAX_SERVICE_IN_RUN_ID
            ? name.substring(0, MAX_SERVICE_IN_RUN_ID)
            : name.toString();
    String runId = "manual-" + kept + "-" + RUN_TIME.format(started);
    return RunId.isValid(runId) ? runId : "manual-" + RUN_TIME.format(started);
  }

  private static String kebabCase(String simpleName) {
    String name =
        simpleName.endsWith(SUFFIX) && simpleName.length() > SUFFIX.length()
            ? simpleName.substring(0, simpleName.length() - SUFFIX.length())
            : simpleName;
    StringBuilder kebab = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // A new word: an upper-case letter after a lower-case one or a digit, or the last capital
      // of an acronym before a lower-case letter (HTTPServer: http-server).
      boolean wordStart =
          i > 0
              && Character.isUpperCase(c)
              && (!Character.isUpperCase(name.charAt(i - 1))
                  || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (wordStart) {
        kebab.append('-');
      }
      kebab.append(Character.toLowerCase(c));
    }
    return kebab.toString();
  }
}
