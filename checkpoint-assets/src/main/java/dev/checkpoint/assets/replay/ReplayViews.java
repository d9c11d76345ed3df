package dev.checkpoint.assets.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of a call is matched: for HTTP the method, path, query and body; for SQL the statement
 * (whitespace and case of keywords normalised), bind values and batch; for a RabbitMQ publish the
 * exchange, routing key and body; for a Kafka send the topic, partition (when the application chose
 * one), key, headers and value; for a Redis command its name, keys and arguments (or hash fields);
 * for a method its name and input. HTTP headers and RabbitMQ message properties are not matched:
 * they carry noise such as dates, message ids and propagation. Kafka headers are the application's
 * own (the recording leaves the propagation headers out), so they are.
 */
public final class ReplayViews {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> WRITES = List.of("insert ", "update ", "delete ", "merge ");
  private static final Pattern RETURNING = Pattern.compile("\\breturning\\b");

  private static final List<String> RABBIT_FIELDS = List.of("exchange", "routingKey", "body");
  private static final List<String> KAFKA_FIELDS =
      List.of("topic", "partition", "key", "headers", "body");
  private static final List<String> CACHE_FIELDS =
      List.of("command", "keys", "arguments", "fields");

  /* Fields that only some calls have: a Kafka partition, Redis hash fields instead of arguments. */
  private static final Set<String> OPTIONAL = Set.of("partition", "arguments", "fields");

  /** Redis commands whose reply is {@code OK} whatever value they write. */
  private static final Set<String> CACHE_WRITES = Set.of("SET", "SETEX", "PSETEX", "MSET", "HMSET");

  /** Options of {@code SET} that make its reply depend on what Redis held. */
  private static final Set<String> REPLY_OPTIONS = Set.of("NX", "XX", "GET");

  /** The kinds of calls replayed. */
  public enum Protocol {
    /** {@code HTTP_CLIENT} checkpoints. */
    HTTP(Kind.HTTP_CLIENT),
    /** {@code SQL} checkpoints. */
    SQL(Kind.SQL),
    /** {@code MESSAGE_PUBLISH} checkpoints. */
    MESSAGE(Kind.MESSAGE_PUBLISH),
    /** {@code METHOD} checkpoints of methods marked as a dependency. */
    METHOD(Kind.METHOD),
    /** {@code CACHE} checkpoints: Redis commands. */
    CACHE(Kind.CACHE);

    private final Kind kind;

    Protocol(Kind kind) {
      this.kind = kind;
    }

    /**
     * The protocol of a kind.
     *
     * @param kind a kind's name, such as {@code SQL}
     * @return the protocol, empty for a kind that is not replayed
     */
    public static Optional<Protocol> of(String kind) {
      for (Protocol protocol : values()) {
        if (protocol.kind.name().equals(kind)) {
          return Optional.of(protocol);
        }
      }
      return Optional.empty();
    }

    String label() {
      return name();
    }

    /** Whether calls of this protocol are matched on their checkpoint name. */
    boolean matchesName() {
      return this == METHOD;
    }
  }

  private ReplayViews() {}

  /** The view of a call's input, with noise replaced by placeholders as the input gives it. */
  static JsonNode of(Protocol protocol, String name, JsonNode input) {
    return switch (protocol) {
      case HTTP -> httpView(input);
      case SQL -> sqlView(input);
      case MESSAGE -> messageView(input);
      case METHOD -> namedView(name, input);
      case CACHE -> fields(input, CACHE_FIELDS);
    };
  }

  /* A Kafka send records its topic; a RabbitMQ publish its exchange and routing key. */
  private static JsonNode messageView(JsonNode input) {
    return fields(input, input.has("topic") ? KAFKA_FIELDS : RABBIT_FIELDS);
  }

  /* The named fields of the input; absent ones are null, except optional ones left out. */
  private static JsonNode fields(JsonNode input, List<String> names) {
    ObjectNode view = NODES.objectNode();
    for (String field : names) {
      JsonNode value = input.get(field);
      if (value != null) {
        view.set(field, value);
      } else if (!OPTIONAL.contains(field)) {
        view.set(field, NullNode.instance);
      }
    }
    return view;
  }

  private static JsonNode namedView(String name, JsonNode input) {
    ObjectNode view = NODES.objectNode();
    view.put("name", name);
    view.set("input", input == null ? NullNode.instance : input);
    return view;
  }

  /**
   * An actual HTTP request as the HTTP instrumentation records its input.
   *
   * @param method the request method
   * @param rawPath the raw path
   * @param rawQuery the raw query, or {@code null}
   * @param body the body as the instrumentation records it
   * @return the input
   */
  public static ObjectNode http(String method, String rawPath, String rawQuery, JsonNode body) {
    ObjectNode input = NODES.objectNode();
    input.put("method", method);
    input.put("url", "http://replay" + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    input.set("body", body == null ? NullNode.instance : body);
    return input;
  }

  /**
   * An actual SQL execution as the JDBC instrumentation records its input.
   *
   * @param statement the SQL text, or {@code null} for a batch of plain statements
   * @param parameters the bind values by index, or {@code null} for a plain statement or a batch
   * @param batch the batch, or {@code null} when not executing a batch
   * @return the input
   */
  public static ObjectNode sql(String statement, ObjectNode parameters, ArrayNode batch) {
    ObjectNode input = NODES.objectNode();
    if (statement != null) {
      input.put("statement", statement);
    }
    if (batch != null) {
      input.set("batch", batch);
    } else if (parameters != null) {
      input.set("parameters", parameters);
    }
    return input;
  }

  private static JsonNode httpView(JsonNode input) {
    ObjectNode view = NODES.objectNode();
    view.put("method", input.path("method").asText("").toUpperCase(Locale.ROOT));
    String url = input.path("url").asText("");
    int scheme = url.indexOf("://");
    int pathStart = scheme < 0 ? url.indexOf('/') : url.indexOf('/', scheme + 3);
    String target = pathStart < 0 ? "/" : url.substring(pathStart);
    int hash = target.indexOf('#');
    if (hash >= 0) {
      target = target.substring(0, hash);
    }
    int question = target.indexOf('?');
    view.put("path", question < 0 ? target : target.substring(0, question));
    if (question < 0) {
      view.putNull("query");
    } else {
      view.put("query", target.substring(question + 1));
    }
    JsonNode body = input.get("body");
    view.set("body", body == null ? NullNode.instance : body);
    return view;
  }

  private static JsonNode sqlView(JsonNode input) {
    ObjectNode view = NODES.objectNode();
    JsonNode statement = input.get("statement");
    if (statement != null && statement.isTextual()) {
      view.put("statement", normaliseSql(statement.textValue()));
    }
    JsonNode parameters = input.get("parameters");
    if (parameters != null && !parameters.isNull()) {
      view.set("parameters", parameters);
    }
    JsonNode batch = input.get("batch");
    if (batch != null && batch.isArray()) {
      ArrayNode items = view.putArray("batch");
      for (JsonNode item : batch) {
        items.add(item.isTextual() ? TextNode.valueOf(normaliseSql(item.textValue())) : item);
      }
    }
    return view;
  }

  static String index(Protocol protocol, JsonNode view) {
    return switch (protocol) {
      case HTTP -> view.path("method").asText() + " " + view.path("path").asText();
      case SQL -> view.path("statement").asText("");
      case MESSAGE ->
          view.has("topic")
              ? "topic " + view.path("topic").asText()
              : view.path("exchange").asText() + " " + view.path("routingKey").asText();
      case METHOD -> view.path("name").asText();
      case CACHE -> view.path("command").asText() + " " + view.path("keys");
    };
  }

  /**
   * Whether a call writes without reading back what it wrote: a message publish, a Redis {@code
   * SET}, {@code SETEX}, {@code PSETEX}, {@code MSET} or {@code HMSET} (a command without options
   * that change its reply), or a SQL {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code
   * MERGE} (a single statement, not a batch of plain statements) without {@code RETURNING}.
   */
  static boolean isWrite(Protocol protocol, JsonNode view) {
    if (protocol == Protocol.MESSAGE) {
      return true;
    }
    if (protocol == Protocol.CACHE) {
      String command = view.path("command").asText();
      if (!CACHE_WRITES.contains(command)) {
        return false;
      }
      for (JsonNode argument : view.path("arguments")) {
        if (REPLY_OPTIONS.contains(argument.asText().toUpperCase(Locale.ROOT))) {
          return false;
        }
      }
      return true;
    }
    if (protocol != Protocol.SQL || !view.path("statement").isTextual()) {
      return false;
    }
    String statement = view.path("statement").textValue().toLowerCase(Locale.ROOT);
    return WRITES.stream().anyMatch(statement::startsWith) && !RETURNING.matcher(statement).find();
  }

  /**
   * A text equal for views the structural diff finds equal in the common cases: keys sorted,
   * numbers by value.
   */
  static String canonical(Protocol protocol, JsonNode view) {
    StringBuilder out = new StringBuilder(protocol.name()).append(':');
    canonical(view, out);
    return out.toString();
  }

  private static void canonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        out.append(TextNode.valueOf(name)).append(':');
        canonical(node.get(name), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode item : node) {
        canonical(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(
          node.isIntegralNumber()
              ? node.bigIntegerValue().toString()
              : node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.append(node);
    }
  }

  static String describe(Protocol protocol, JsonNode view) {
    StringBuilder out = new StringBuilder();
    if (protocol == Protocol.MESSAGE && view.has("topic")) {
      out.append("send to topic '").append(view.path("topic").asText()).append('\'');
      if (view.has("partition")) {
        out.append(" partition ").append(view.path("partition"));
      }
      out.append(" key ").append(view.path("key"));
      if (!view.path("headers").isEmpty()) {
        out.append(" headers ").append(view.path("headers"));
      }
      return out.append(' ').append(view.path("body")).toString();
    }
    if (protocol == Protocol.CACHE) {
      out.append(view.path("command").asText());
      for (JsonNode key : view.path("keys")) {
        out.append(' ').append(key.isTextual() ? key.textValue() : key.toString());
      }
      JsonNode arguments = view.has("fields") ? view.get("fields") : view.path("arguments");
      if (!arguments.isEmpty() || arguments.isTextual()) {
        out.append(' ').append(arguments);
      }
      return out.toString();
    }
    if (protocol == Protocol.MESSAGE) {
      return out.append("publish to '")
          .append(view.path("exchange").asText())
          .append("' with routing key '")
          .append(view.path("routingKey").asText())
          .append("' ")
          .append(view.path("body"))
          .toString();
    }
    if (protocol == Protocol.METHOD) {
      return out.append(view.path("name").asText())
          .append(' ')
          .append(view.path("input"))
          .toString();
    }
    if (protocol == Protocol.HTTP) {
      out.append(view.path("method").asText()).append(' ').append(view.path("path").asText());
      if (view.path("query").isTextual()) {
        out.append('?').append(view.path("query").asText());
      }
      if (!view.path("body").isNull()) {
        out.append(' ').append(view.path("body"));
      }
    } else {
      out.append(view.path("statement").asText("(batch)"));
      if (view.has("parameters") && !view.get("parameters").isEmpty()) {
        out.append(' ').append(view.get("parameters"));
      }
      if (view.has("batch")) {
        out.append(" batch ").append(view.get("batch"));
      }
    }
    return out.toString();
  }

  /**
   * Normalises SQL text for matching: runs of whitespace become one space, none around commas,
   * parentheses and operators, no trailing semicolon; letters outside quotes are lower-cased.
   *
   * @param sql the text
   * @return the normalised text
   */
  public static String normaliseSql(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    char quote = 0;
    boolean space = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      boolean tight = "(),=<>+-*/;".indexOf(c) >= 0;
      if (space && out.length() > 0 && !tight && !endsTight(out)) {
        out.append(' ');
      }
      space = false;
      if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        out.append(c);
      } else {
        out.append(Character.toLowerCase(c));
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ';') {
      end--;
    }
    return out.substring(0, end);
  }

  private static boolean endsTight(StringBuilder out) {
    return "(),=<>+-*/;".indexOf(out.charAt(out.length() - 1)) >= 0;
  }
}
