package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import java.util.List;

/** What each page template shows; built by the page handlers, read by the jte templates. */
public final class PageModels {
  private PageModels() {}

  /** A link to another page. */
  public record Link(String label, String href) {}

  /** A name and a value: a run label, an HTTP header, a SQL bind value. */
  public record Pair(String key, String value) {}

  /** Links to the previous and next page of a list; null where there is none. */
  public record Pager(String previous, String next) {}

  /** Runs, newest first, with their filters. */
  public record RunsPage(String name, String label, String error, List<RunRow> runs, Pager pager) {}

  /**
   * One run, summarised.
   *
   * @param trees the number of trees, such as {@code 12}, or {@code 1000+} when there are more than
   *     the UI counts
   */
  public record RunRow(
      String id,
      String name,
      String scenario,
      List<Pair> labels,
      String started,
      String duration,
      String trees,
      int checkpoints,
      int errors,
      boolean open) {}

  /** One run with a page of its trees. */
  public record RunPage(
      RunRow run, List<TreeRow> trees, Pager pager, List<String> names, String replays) {}

  /** One tree of a run, summarised. */
  public record TreeRow(
      String traceId,
      String root,
      String rootKind,
      List<String> services,
      List<KindCount> kinds,
      int checkpoints,
      int errors,
      String started,
      String duration) {}

  /** How many checkpoints of one kind a tree has. */
  public record KindCount(String kind, int count) {}

  /**
   * One tree; its checkpoints, without payloads, are in {@code nodesJson} for the script to draw.
   */
  public record TreePage(
      String traceId,
      String root,
      String runId,
      int checkpoints,
      int errors,
      List<String> services,
      String started,
      String duration,
      String nodesJson) {}

  /** One checkpoint with everything recorded, and kind-specific views where the kind has one. */
  public record CheckpointPage(
      Checkpoint checkpoint,
      String started,
      String duration,
      JsonNode input,
      JsonNode output,
      ErrorView error,
      JsonNode attributes,
      List<String> truncated,
      List<String> redacted,
      HttpView http,
      SqlView sql,
      String json,
      String curl) {}

  /** A recorded error. */
  public record ErrorView(String type, String message, List<String> stack) {}

  /** An HTTP exchange, server or client side. */
  public record HttpView(
      String method,
      String url,
      String status,
      List<Pair> requestHeaders,
      List<Pair> responseHeaders,
      JsonNode requestBody,
      JsonNode responseBody) {}

  /** A SQL statement with its bind values and result. */
  public record SqlView(
      String statement,
      List<Pair> parameters,
      List<String> columns,
      List<List<JsonNode>> rows,
      JsonNode updateCount) {}

  /** The search form and its results. */
  public record SearchPage(
      String service,
      String kind,
      String name,
      String text,
      List<String> kinds,
      String error,
      boolean searched,
      List<Checkpoint> results,
      Pager pager) {}

  /**
   * The structural diff of two runs or two trees, or the form to choose them.
   *
   * @param recentRuns run ids with their names, to choose from
   */
  public record ComparePage(
      Link left,
      Link right,
      String error,
      FirstDivergenceView firstDivergence,
      List<ChangeView> changes,
      List<String> unchanged,
      List<Pair> recentRuns) {}

  /**
   * Where the right side first went differently, shown above the changes.
   *
   * @param what such as {@code input of}, {@code added}
   * @param cause the cause's key, null when the divergence is at a root
   * @param explanation why the cause is the cause, or why there is none
   * @param later how many divergences follow it
   */
  public record FirstDivergenceView(
      String what,
      String key,
      List<FieldView> fields,
      String cause,
      String explanation,
      int later) {}

  /**
   * One changed checkpoint.
   *
   * @param first whether the first divergence is in this change
   * @param type added, removed, moved or changed
   * @param left the expected (left) side's checkpoint fields, null when added
   * @param right the actual (right) side's checkpoint fields, null when removed
   */
  public record ChangeView(
      boolean first,
      String type,
      String key,
      String expectedKey,
      List<FieldView> fields,
      JsonNode left,
      JsonNode right) {}

  /** One changed field of a checkpoint present on both sides. */
  public record FieldView(String path, String type, String expected, String actual) {}

  /** The form asking for a read token. */
  public record LoginPage(String next, String error) {}

  /** An error, with what to do about it. */
  public record ErrorPage(int status, String title, String detail) {}
}
