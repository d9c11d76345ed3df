package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;

/** The one JSON configuration of this module, and value equality that ignores number types. */
public final class Json {

  /** Numbers stay as recorded: a double would round decimals and turn 1e400 into "Infinity". */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private static final ObjectWriter CANONICAL = MAPPER.writer(canonicalPrinter());

  private static final ObjectWriter COMPACT = MAPPER.writer();

  /*
   * Parsed JSON picks the smallest number type (1 is an IntNode) while values built from Java
   * objects keep theirs (1L is a LongNode), and Jackson's equals tells them apart. A diff must not
   * report 1 -> 1, so numbers compare by value.
   */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return sameNumber(a, b) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
      };

  private Json() {}

  private static DefaultPrettyPrinter canonicalPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /** Sorted keys, two-space indent, {@code "\n"} line ends and a trailing newline. */
  public static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line, sorted keys. */
  public static String compact(JsonNode node) {
    if (node.isMissingNode()) {
      return "(absent)";
    }
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deep equality where numbers are equal when their values are. */
  public static boolean equivalent(JsonNode a, JsonNode b) {
    return a == b || a.equals(BY_VALUE, b);
  }

  /** A hash consistent with {@link #equivalent}. */
  public static int hash(JsonNode node) {
    if (node.isObject()) {
      int h = 1;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        h += field.getKey().hashCode() ^ hash(field.getValue());
      }
      return h;
    }
    if (node.isArray()) {
      int h = 2;
      for (JsonNode element : node) {
        h = 31 * h + hash(element);
      }
      return h;
    }
    if (node.isNumber()) {
      // Equal numbers have equal doubles, whatever their Java type.
      double value = node.doubleValue();
      return value == Math.rint(value) && Math.abs(value) < 1e18
          ? Long.hashCode((long) value)
          : Double.hashCode(value);
    }
    return node.hashCode();
  }

  private static boolean sameNumber(JsonNode a, JsonNode b) {
    if (a.canConvertToExactIntegral()
        && b.canConvertToExactIntegral()
        && a.canConvertToLong()
        && b.canConvertToLong()) {
      return a.longValue() == b.longValue();
    }
    if (a.isFloatingPointNumber()
        && b.isFloatingPointNumber()
        && !a.isBigDecimal()
        && !b.isBigDecimal()) {
      return a.doubleValue() == b.doubleValue();
    }
    BigDecimal x = exact(a);
    BigDecimal y = exact(b);
    return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
  }

  /** The number as a decimal; null for a double that is infinite or NaN, which has none. */
  public static BigDecimal exact(JsonNode number) {
    boolean binary = number.isDouble() || number.isFloat();
    return binary && !Double.isFinite(number.doubleValue()) ? null : number.decimalValue();
  }
}
