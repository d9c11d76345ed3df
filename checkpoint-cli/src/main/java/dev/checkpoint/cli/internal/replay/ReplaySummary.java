package dev.checkpoint.cli.internal.replay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code checkpoint replay}.
 *
 * @param serverUrl the checkpoint server holding the replay run
 * @param service the service under test
 * @param replays the recorded run id, or the asset file or folder, that was replayed
 * @param runId the replay run's id
 * @param entries each entry's result, in the order they were sent
 */
public record ReplaySummary(
    String serverUrl, String service, String replays, String runId, List<EntryResult> entries) {

  /** Exit code: every entry equal. */
  public static final int EQUAL = 0;

  /** Exit code: some entry different, none in error. */
  public static final int DIFFERENT = 1;

  /** Exit code: some entry could not be replayed, or the replay could not run at all. */
  public static final int ERROR = 2;

  /** Copies the list. */
  public ReplaySummary {
    entries = List.copyOf(entries);
  }

  /**
   * What the process exits with: errors before differences, differences before success.
   *
   * @return {@link #ERROR}, {@link #DIFFERENT} or {@link #EQUAL}
   */
  public int exitCode() {
    if (count(EntryResult.Status.ERROR) > 0) {
      return ERROR;
    }
    return count(EntryResult.Status.DIFFERENT) > 0 ? DIFFERENT : EQUAL;
  }

  /**
   * How many entries have a status.
   *
   * @param status the status
   * @return the count
   */
  public long count(EntryResult.Status status) {
    return count(entries, status);
  }

  /**
   * The results grouped by entry name, names in first-sent order.
   *
   * @return the results of each name
   */
  public Map<String, List<EntryResult>> byName() {
    Map<String, List<EntryResult>> byName = new LinkedHashMap<>();
    entries.forEach(
        entry -> byName.computeIfAbsent(entry.name(), name -> new ArrayList<>()).add(entry));
    return byName;
  }

  /**
   * The counts of some results by status.
   *
   * @param results some results
   * @return such as {@code 2 equal, 1 different, 0 errors}
   */
  public static String counts(List<EntryResult> results) {
    return count(results, EntryResult.Status.EQUAL)
        + " equal, "
        + count(results, EntryResult.Status.DIFFERENT)
        + " different, "
        + count(results, EntryResult.Status.ERROR)
        + " errors";
  }

  static long count(List<EntryResult> results, EntryResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /**
   * One line: what was replayed, and the counts.
   *
   * @return such as {@code 3 entry requests of shop replayed from run-1: 3 equal, 0 different, 0
   *     errors}
   */
  public String headline() {
    return entries.size()
        + " entry requests of "
        + service
        + " replayed from "
        + replays
        + ": "
        + counts(entries);
  }

  /**
   * The web UI page of the replay run.
   *
   * @return the URL
   */
  public String runLink() {
    return serverUrl + "/ui/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8);
  }

  /**
   * The web UI page of a replayed tree.
   *
   * @param entry the entry
   * @return the URL
   */
  public String treeLink(EntryResult entry) {
    return serverUrl + "/ui/traces/" + entry.traceId();
  }
}
