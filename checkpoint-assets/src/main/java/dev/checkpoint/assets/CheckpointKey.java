package dev.checkpoint.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stable key of a checkpoint: where it sits in its tree, independent of ids and times, so that
 * the same checkpoint of two runs has the same key.
 *
 * <p>A key is the path of {@linkplain Segment segments} from the root of the tree down to the
 * checkpoint. Each segment names one checkpoint by service, kind and name, plus an ordinal: its
 * index among the siblings (children of the same parent, or roots of the same forest) that share
 * that service, kind and name, counted in start order from {@code 0}.
 *
 * <p>Rendering ({@link #toString()}), read back by {@link #parse(String)}:
 *
 * <pre>
 * key     = segment *( " &gt; " segment )
 * segment = service "/" kind "/" name "#" ordinal
 * </pre>
 *
 * for example {@code orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into orders#0}. Inside
 * service, kind and name a backslash escapes: {@code \\} for a backslash, {@code \>} for {@code >},
 * {@code \n}, {@code \r} and {@code \t} for those control characters and {@code \}{@code uXXXX} for
 * any other control character; in service and kind also {@code \/} for {@code /}. The name needs no
 * escaped {@code /} or {@code #} because it runs to the last {@code #} of its segment.
 *
 * @param segments the path from the root, never empty
 */
public record CheckpointKey(List<Segment> segments) {

  private static final String SEPARATOR = " > ";

  /**
   * Checks and copies the segments.
   *
   * @param segments the path from the root
   * @throws IllegalArgumentException when {@code segments} is empty
   */
  public CheckpointKey {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("A checkpoint key needs at least one segment.");
    }
  }

  /**
   * The key of a root checkpoint.
   *
   * @param root its only segment
   * @return the key
   */
  public static CheckpointKey of(Segment root) {
    return new CheckpointKey(List.of(root));
  }

  /**
   * Reads a key in the rendering described above.
   *
   * @param text a rendered key
   * @return the key
   * @throws IllegalArgumentException when {@code text} is not a rendered key; the message says why
   */
  public static CheckpointKey parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Segment> segments = new ArrayList<>();
    StringBuilder[] fields = newFields();
    int field = 0;
    int segmentStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 == text.length()) {
          throw invalid(text, "it ends with a lone backslash");
        }
        i = unescape(text, i + 1, fields[field]);
      } else if (c == '/' && field < 2) {
        field++;
      } else if (c == '>') {
        if (!text.startsWith(SEPARATOR, i - 1) || fields[field].length() == 0) {
          throw invalid(text, "a '>' at index " + i + " is neither escaped nor part of ' > '");
        }
        fields[field].setLength(fields[field].length() - 1);
        segments.add(segment(text, segmentStart, fields, field));
        fields = newFields();
        field = 0;
        i++;
        segmentStart = i + 1;
      } else {
        fields[field].append(c);
      }
    }
    segments.add(segment(text, segmentStart, fields, field));
    return new CheckpointKey(segments);
  }

  private static StringBuilder[] newFields() {
    return new StringBuilder[] {new StringBuilder(), new StringBuilder(), new StringBuilder()};
  }

  private static int unescape(String text, int at, StringBuilder out) {
    char c = text.charAt(at);
    switch (c) {
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        if (at + 5 > text.length()) {
          throw invalid(text, "the escape at index " + (at - 1) + " needs four hex digits");
        }
        try {
          out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
        } catch (NumberFormatException e) {
          throw invalid(text, "the escape at index " + (at - 1) + " needs four hex digits");
        }
        return at + 4;
      }
      default -> out.append(c);
    }
    return at;
  }

  private static Segment segment(String text, int start, StringBuilder[] fields, int field) {
    if (field < 2) {
      throw invalid(
          text, "the segment starting at index " + start + " does not have service/kind/name");
    }
    String nameAndOrdinal = fields[2].toString();
    int hash = nameAndOrdinal.lastIndexOf('#');
    String ordinal = hash < 0 ? "" : nameAndOrdinal.substring(hash + 1);
    if (ordinal.isEmpty()
        || ordinal.length() > 9
        || !ordinal.chars().allMatch(Character::isDigit)) {
      throw invalid(
          text, "the segment starting at index " + start + " does not end with #<ordinal>");
    }
    return new Segment(
        fields[0].toString(),
        fields[1].toString(),
        nameAndOrdinal.substring(0, hash),
        Integer.parseInt(ordinal));
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a checkpoint key: "
            + why
            + ". A key is service/kind/name#ordinal segments joined by ' > ', such as"
            + " 'orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into orders#0'.");
  }

  /**
   * The key of a child of this checkpoint.
   *
   * @param child the child's segment
   * @return this key with {@code child} appended
   */
  public CheckpointKey child(Segment child) {
    List<Segment> path = new ArrayList<>(segments.size() + 1);
    path.addAll(segments);
    path.add(Objects.requireNonNull(child, "child"));
    return new CheckpointKey(path);
  }

  /**
   * The key of the parent checkpoint.
   *
   * @return the parent's key, empty for a root
   */
  public Optional<CheckpointKey> parent() {
    return segments.size() == 1
        ? Optional.empty()
        : Optional.of(new CheckpointKey(segments.subList(0, segments.size() - 1)));
  }

  /**
   * The segment of the checkpoint itself.
   *
   * @return the last segment
   */
  public Segment last() {
    return segments.get(segments.size() - 1);
  }

  /** Renders the key as described in the class documentation. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (out.length() > 0) {
        out.append(SEPARATOR);
      }
      segment.render(out);
    }
    return out.toString();
  }

  /**
   * One step of a key: a checkpoint among its siblings.
   *
   * @param service the service that recorded the checkpoint
   * @param kind the checkpoint kind, such as {@code HTTP_SERVER}
   * @param name the checkpoint name, such as {@code POST /orders}
   * @param ordinal the index among siblings with the same service, kind and name, from 0
   */
  public record Segment(String service, String kind, String name, int ordinal) {

    /**
     * Checks the values.
     *
     * @param service the service
     * @param kind the kind
     * @param name the name
     * @param ordinal the ordinal, not negative
     */
    public Segment {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      if (ordinal < 0) {
        throw new IllegalArgumentException("ordinal must not be negative, but was " + ordinal);
      }
    }

    /** Renders the segment as described in {@link CheckpointKey}. */
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      render(out);
      return out.toString();
    }

    void render(StringBuilder out) {
      escape(service, true, out);
      out.append('/');
      escape(kind, true, out);
      out.append('/');
      escape(name, false, out);
      out.append('#').append(ordinal);
    }

    private static void escape(String value, boolean slash, StringBuilder out) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '>' -> out.append("\\>");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '/' -> out.append(slash ? "\\/" : "/");
          default -> {
            if (Character.isISOControl(c)) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
    }
  }
}
