package dev.checkpoint.cli.internal.run;

import dev.checkpoint.cli.scenario.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Starts the services of a scenario that have a command, waits until each is ready, watches their
 * logs, and stops them again: on {@link #close()}, and on Ctrl-C through a shutdown hook. Services
 * given by URL only are already running and are left alone.
 *
 * <p>Started services get the environment a Checkpoint-instrumented service needs to record this
 * run ({@code CHECKPOINT_MODE=ON_DEMAND}, {@code CHECKPOINT_ENDPOINT}, {@code
 * CHECKPOINT_SERVICE_NAME}) unless the scenario sets those itself.
 */
public final class ServiceSupervisor implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 20;

  private final HttpClient http;
  private final PrintWriter progress;
  private final Map<String, Started> started = new LinkedHashMap<>();
  private final Map<String, Long> marks = new HashMap<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "checkpoint-run-stop-services");
  private boolean hookRegistered;

  /**
   * Creates a supervisor that has started nothing yet.
   *
   * @param http the client that polls ready URLs
   * @param progress where progress lines go
   */
  public ServiceSupervisor(HttpClient http, PrintWriter progress) {
    this.http = http;
    this.progress = progress;
  }

  private record Started(Service service, Process process, Path log) {}

  /**
   * Starts the services that have a command, one after the other, each once the previous is ready.
   *
   * @param services the scenario's services
   * @param serverUrl the checkpoint server the services export to
   * @param logDir where logs go for services without a {@code logs} file
   * @throws RunFailure when a service cannot be started or is not ready in time
   */
  public void start(List<Service> services, String serverUrl, Path logDir) {
    for (Service service : services) {
      if (!service.isStarted()) {
        continue;
      }
      if (!hookRegistered) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        hookRegistered = true;
      }
      Path log =
          service.logFile() != null ? service.logFile() : logDir.resolve(service.name() + ".log");
      progress.printf("  starting %s: %s%n", service.name(), String.join(" ", service.command()));
      progress.flush();
      Process process = launch(service, serverUrl, log);
      register(new Started(service, process, log));
      awaitReady(service, process, log);
      progress.printf("  %s is ready (log: %s)%n", service.name(), log);
      progress.flush();
    }
  }

  /** Synchronized with {@link #stopAll()}, which the shutdown hook runs on another thread. */
  private synchronized void register(Started service) {
    started.put(service.service().name(), service);
  }

  private static Process launch(Service service, String serverUrl, Path log) {
    ProcessBuilder builder = new ProcessBuilder(service.command());
    builder.directory(service.workingDir().toFile());
    Map<String, String> env = builder.environment();
    env.put("CHECKPOINT_MODE", "ON_DEMAND");
    env.put("CHECKPOINT_ENDPOINT", serverUrl);
    env.put("CHECKPOINT_SERVICE_NAME", service.name());
    env.putAll(service.env());
    builder.redirectErrorStream(true);
    try {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      builder.redirectOutput(log.toFile());
      return builder.start();
    } catch (IOException e) {
      throw new RunFailure(
          "Service '"
              + service.name()
              + "' did not start: "
              + e.getMessage()
              + ". Check its 'command' and 'working_dir' ("
              + service.workingDir()
              + ").",
          e);
    }
  }

  private void awaitReady(Service service, Process process, Path log) {
    long deadline = System.nanoTime() + service.readyTimeout().toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new RunFailure(
            "Service '"
                + service.name()
                + "' exited with code "
                + process.exitValue()
                + " before it was ready; see its log "
                + log
                + "."
                + System.lineSeparator()
                + "The end of the log:"
                + System.lineSeparator()
                + tail(log));
      }
      if (isReady(service, log)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new RunFailure(
            "Service '"
                + service.name()
                + "' was not ready after "
                + service.readyTimeout().toMillis()
                + " ms: "
                + (service.readyAt() != null
                    ? service.readyAt() + " did not answer 2xx"
                    : "no log line matched '" + service.readyLog() + "'")
                + ". Raise 'ready.timeout' or fix the condition; see its log "
                + log
                + "."
                + System.lineSeparator()
                + "The end of the log:"
                + System.lineSeparator()
                + tail(log));
      }
      Polling.sleep(POLL);
    }
  }

  private boolean isReady(Service service, Path log) {
    if (service.readyAt() != null) {
      return answers2xx(service.readyAt());
    }
    return matches(log, 0, service.readyLog());
  }

  private boolean answers2xx(URI url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted while waiting for services.", e);
    }
  }

  /** Remembers where each log ends now; {@link #awaitLog} looks only at what comes after. */
  synchronized void mark() {
    started.forEach((name, s) -> marks.put(name, size(s.log())));
  }

  /**
   * Waits until a started service logs a matching line after the last {@link #mark()}.
   *
   * @throws RunFailure when the service is not started by the runner or the time runs out
   */
  void awaitLog(String serviceName, Pattern pattern, Duration timeout, String step) {
    Started service;
    synchronized (this) {
      service = started.get(serviceName);
    }
    if (service == null) {
      throw new RunFailure(
          "Step '"
              + step
              + "' waits for a log line of '"
              + serviceName
              + "', but the runner only sees the logs of services it starts (with 'command').");
    }
    long from = marks.getOrDefault(serviceName, 0L);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!matches(service.log(), from, pattern)) {
      if (System.nanoTime() > deadline) {
        throw new RunFailure(
            "Step '"
                + step
                + "': service '"
                + serviceName
                + "' logged no line matching '"
                + pattern
                + "' within "
                + timeout.toMillis()
                + " ms. See "
                + service.log()
                + ".");
      }
      Polling.sleep(POLL);
    }
  }

  private static boolean matches(Path log, long from, Pattern pattern) {
    for (String line : read(log, from).split("\\R")) {
      if (pattern.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path log, long from) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      int start = (int) Math.min(from, bytes.length);
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static long size(Path log) {
    try {
      return Files.size(log);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String tail(Path log) {
    List<String> lines = List.of(read(log, 0).split("\\R"));
    return String.join(
        System.lineSeparator(),
        lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  /** Stops the started services, newest first, each with its child processes. */
  @Override
  public void close() {
    stopAll();
    if (hookRegistered) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down and runs the hook itself.
      }
      hookRegistered = false;
    }
  }

  private synchronized void stopAll() {
    List<Started> newestFirst = new ArrayList<>(started.values());
    Collections.reverse(newestFirst);
    for (Started service : newestFirst) {
      // A command run through /bin/sh -c has the real service as a child of the shell.
      List<ProcessHandle> children = service.process().descendants().toList();
      service.process().destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!service.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          service.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        service.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
    started.clear();
  }
}
