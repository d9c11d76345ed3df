package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.assets.Detector;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heuristics documented on {@link Detector}. */
final class NoiseDetectors {

  private static final Pattern UUID =
      Pattern.compile(
          "(?<![0-9a-fA-F])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{12}(?![0-9a-fA-F])");

  private static final Pattern ISO_DATE_TIME =
      Pattern.compile(
          "(?<![0-9])\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?"
              + "(?:Z|[+-]\\d{2}(?::?\\d{2})?)?(?:\\[[A-Za-z0-9_/+-]+])?(?![0-9])");

  private static final Pattern RFC_1123 =
      Pattern.compile(
          "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
              + "|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} (?:GMT|UTC|[+-]\\d{4})");

  private static final Pattern ISO_DURATION =
      Pattern.compile(
          "-?P(?=\\d|T\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?"
              + "(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:[.,]\\d+)?S)?)?");

  private static final Pattern DURATION_WITH_UNIT =
      Pattern.compile("\\d+(?:\\.\\d+)?\\s?(?:ns|us|µs|ms|s|sec|secs|seconds|m|min|h)");

  /** Group 1 is the address before the port, which is kept. */
  private static final Pattern LOOPBACK_PORT =
      Pattern.compile(
          "(?<![\\w.-])((?:127(?:\\.\\d{1,3}){3}|localhost|\\[::1]):)\\d{1,5}(?!\\d)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}(?:\\.\\d+)?");

  private static final Set<String> TIME_WORDS =
      Set.of(
          "time",
          "timestamp",
          "ts",
          "date",
          "datetime",
          "instant",
          "epoch",
          "created",
          "updated",
          "modified",
          "expires",
          "expiry",
          "expiration",
          "issued",
          "since",
          "until",
          "iat",
          "exp",
          "nbf");

  private static final Set<String> DURATION_WORDS =
      Set.of("duration", "elapsed", "latency", "took", "taken");

  private static final Set<String> UNITS =
      Set.of("ms", "millis", "micros", "us", "nanos", "ns", "seconds", "secs");

  private static final BigDecimal EPOCH_FROM = BigDecimal.valueOf(946_684_800L);
  private static final BigDecimal EPOCH_TO = BigDecimal.valueOf(4_102_444_800L);

  private NoiseDetectors() {}

  /** The replacement for a scalar, or {@code null} when it is not noise. */
  static JsonNode replace(Set<Detector> detectors, String key, JsonNode value) {
    if (!value.isTextual() && !value.isNumber()) {
      return null;
    }
    List<String> words = key == null ? List.of() : KeyWords.of(key);
    if (value.isTextual()) {
      String text = value.textValue();
      if (!DIGITS.matcher(text).matches()) {
        return replaceInText(detectors, words, text);
      }
    }
    BigDecimal number = value.isNumber() ? Json.exact(value) : new BigDecimal(value.asText());
    if (number == null) {
      return null;
    }
    if (detectors.contains(Detector.DURATION) && isDurationKey(words)) {
      return TextNode.valueOf(Detector.DURATION.placeholder());
    }
    if (detectors.contains(Detector.TIMESTAMP) && isTimeKey(words) && isPlausibleEpoch(number)) {
      return TextNode.valueOf(Detector.TIMESTAMP.placeholder());
    }
    if (detectors.contains(Detector.ID)
        && isIdKey(words)
        && number.signum() >= 0
        && number.stripTrailingZeros().scale() <= 0) {
      return TextNode.valueOf(Detector.ID.placeholder());
    }
    return null;
  }

  private static JsonNode replaceInText(Set<Detector> detectors, List<String> words, String text) {
    if (detectors.contains(Detector.DURATION)
        && (ISO_DURATION.matcher(text).matches()
            || (isDurationKey(words) && DURATION_WITH_UNIT.matcher(text).matches()))) {
      return TextNode.valueOf(Detector.DURATION.placeholder());
    }
    String replaced = text;
    if (detectors.contains(Detector.TIMESTAMP)) {
      if (RFC_1123.matcher(replaced).matches()) {
        return TextNode.valueOf(Detector.TIMESTAMP.placeholder());
      }
      replaced = replaceAll(ISO_DATE_TIME, replaced, Detector.TIMESTAMP);
    }
    if (detectors.contains(Detector.UUID)) {
      replaced = replaceAll(UUID, replaced, Detector.UUID);
    }
    if (detectors.contains(Detector.PORT)) {
      replaced = LOOPBACK_PORT.matcher(replaced).replaceAll("$1" + Detector.PORT.placeholder());
    }
    return replaced.equals(text) ? null : TextNode.valueOf(replaced);
  }

  private static String replaceAll(Pattern pattern, String text, Detector detector) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find()
        ? matcher.replaceAll(Matcher.quoteReplacement(detector.placeholder()))
        : text;
  }

  private static boolean isTimeKey(List<String> words) {
    if (words.size() > 1 && words.get(words.size() - 1).equals("at")) {
      return true;
    }
    return words.stream().anyMatch(TIME_WORDS::contains);
  }

  private static boolean isDurationKey(List<String> words) {
    if (words.stream().anyMatch(DURATION_WORDS::contains)) {
      return true;
    }
    return words.contains("time") && UNITS.contains(words.get(words.size() - 1));
  }

  private static boolean isIdKey(List<String> words) {
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    return last.equals("id")
        || last.equals("ids")
        || (words.size() == 2 && words.get(0).equals("generated") && last.equals("keys"));
  }

  private static boolean isPlausibleEpoch(BigDecimal value) {
    for (int digits = 0; digits <= 9; digits += 3) {
      BigDecimal seconds = value.movePointLeft(digits);
      if (seconds.compareTo(EPOCH_FROM) >= 0 && seconds.compareTo(EPOCH_TO) <= 0) {
        return true;
      }
    }
    return false;
  }
}
