package dev.checkpoint.server.internal.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.WireCheckpoints;
import dev.checkpoint.server.internal.ui.PageModels.CheckpointPage;
import dev.checkpoint.server.internal.ui.PageModels.ErrorView;
import dev.checkpoint.server.internal.ui.PageModels.HttpView;
import dev.checkpoint.server.internal.ui.PageModels.Pair;
import dev.checkpoint.server.internal.ui.PageModels.SqlView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint read for the checkpoint page, with the kind-specific shapes of the wire format: HTTP
 * as method, URL, status, headers and bodies; SQL as statement, bind values and result rows.
 */
final class CheckpointViews {
  private CheckpointViews() {}

  static CheckpointPage page(Checkpoint checkpoint) {
    JsonNode input = Payloads.parse(checkpoint.input());
    JsonNode output = Payloads.parse(checkpoint.output());
    HttpView http = checkpoint.kind().startsWith("HTTP_") ? http(checkpoint, input, output) : null;
    return new CheckpointPage(
        checkpoint,
        Format.timeNanos(checkpoint.startNanos()),
        Format.duration(checkpoint.endNanos() - checkpoint.startNanos()),
        input,
        output,
        error(Payloads.parse(checkpoint.error())),
        Payloads.parse(checkpoint.attributes()),
        Payloads.strings(checkpoint.truncated()),
        Payloads.strings(checkpoint.redacted()),
        http,
        "SQL".equals(checkpoint.kind()) ? sql(input, output) : null,
        Payloads.pretty(WireCheckpoints.full(checkpoint)),
        http == null ? null : curl(http));
  }

  private static ErrorView error(JsonNode error) {
    if (!error.isObject()) {
      return error.isNull() ? null : new ErrorView(null, Payloads.text(error), List.of());
    }
    List<String> stack = new ArrayList<>();
    error.path("stack").forEach(frame -> stack.add(Payloads.text(frame)));
    return new ErrorView(
        error.hasNonNull("type") ? Payloads.text(error.get("type")) : null,
        error.hasNonNull("message") ? Payloads.text(error.get("message")) : null,
        stack);
  }

  private static HttpView http(Checkpoint checkpoint, JsonNode input, JsonNode output) {
    String url;
    if (input.hasNonNull("url")) {
      url = Payloads.text(input.get("url"));
    } else {
      url = input.path("path").asText("");
      String query = input.path("query").asText("");
      if (!query.isEmpty()) {
        url += "?" + query;
      }
      if ("HTTP_SERVER".equals(checkpoint.kind())) {
        String host = header(input.path("headers"), "host");
        url = "http://" + (host == null ? checkpoint.service() : host) + url;
      }
    }
    return new HttpView(
        input.path("method").asText(""),
        url,
        output.hasNonNull("status") ? Payloads.text(output.get("status")) : "",
        headers(input.path("headers")),
        headers(output.path("headers")),
        input.path("body"),
        output.path("body"));
  }

  private static String header(JsonNode headers, String name) {
    for (Pair header : headers(headers)) {
      if (header.key().equalsIgnoreCase(name)) {
        return header.value();
      }
    }
    return null;
  }

  /** Headers as recorded: a value, or a list of values for a repeated header. */
  private static List<Pair> headers(JsonNode headers) {
    List<Pair> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      if (header.getValue().isArray()) {
        header
            .getValue()
            .forEach(value -> pairs.add(new Pair(header.getKey(), Payloads.text(value))));
      } else {
        pairs.add(new Pair(header.getKey(), Payloads.text(header.getValue())));
      }
    }
    return pairs;
  }

  private static SqlView sql(JsonNode input, JsonNode output) {
    List<Pair> parameters = new ArrayList<>();
    input
        .path("parameters")
        .properties()
        .forEach(p -> parameters.add(new Pair(p.getKey(), Format.json(p.getValue()))));
    Set<String> columns = new LinkedHashSet<>();
    output.path("rows").forEach(row -> row.fieldNames().forEachRemaining(columns::add));
    List<List<JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : output.path("rows")) {
      List<JsonNode> cells = new ArrayList<>();
      columns.forEach(column -> cells.add(row.path(column)));
      rows.add(cells);
    }
    return new SqlView(
        SqlText.format(input.path("statement").asText("")),
        parameters,
        List.copyOf(columns),
        rows,
        output.path("updateCount"));
  }

  /** The exchange as a curl command, each argument quoted for a POSIX shell. */
  static String curl(HttpView http) {
    StringBuilder command = new StringBuilder("curl");
    if (!http.method().isEmpty() && !"GET".equals(http.method())) {
      command.append(" -X ").append(quote(http.method()));
    }
    command.append(' ').append(quote(http.url()));
    for (Pair header : http.requestHeaders()) {
      if (!header.key().equalsIgnoreCase("host")
          && !header.key().equalsIgnoreCase("content-length")) {
        command.append(" \\\n  -H ").append(quote(header.key() + ": " + header.value()));
      }
    }
    JsonNode body = http.requestBody();
    if (!body.isMissingNode() && !body.isNull()) {
      command.append(" \\\n  --data-raw ").append(quote(Payloads.text(body)));
    }
    return command.toString();
  }

  /**
   * Single quotes, or bash's {@code $'…'} with {@code \\uXXXX} escapes when the argument holds a
   * character that could disguise the command (a direction override, a zero-width or control
   * character), so the block shows what it runs and copying it still runs the recorded bytes.
   */
  static String quote(String argument) {
    if (argument.chars().noneMatch(c -> Format.deceptive((char) c))) {
      return "'" + argument.replace("'", "'\\''") + "'";
    }
    StringBuilder quoted = new StringBuilder(argument.length() + 16).append("$'");
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '\\' || c == '\'') {
        quoted.append('\\').append(c);
      } else if (Format.deceptive(c) || c == '\n' || c == '\r' || c == '\t') {
        quoted.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }
}
