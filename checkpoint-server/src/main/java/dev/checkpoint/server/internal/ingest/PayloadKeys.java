package dev.checkpoint.server.internal.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads past a payload, looking for a key given twice in any of its objects, and for a number that
 * BigDecimal cannot hold. Jackson's own check (STRICT_DUPLICATE_DETECTION) builds a hash set for
 * every object of three keys or more, which made parsing a batch a third slower; most payload
 * objects have a few keys, compared here in place, in lists kept for the whole batch.
 */
final class PayloadKeys {
  /** Up to this many keys an object's keys are compared one by one. */
  private static final int LINEAR = 16;

  private final List<Level> levels = new ArrayList<>();

  /** The keys of one open object. */
  private static final class Level {
    final String[] names = new String[LINEAR];
    int size;
    Set<String> many;

    void clear() {
      size = 0;
      many = null;
    }

    /** Adds a key; false if the object has it already. */
    boolean add(String name) {
      if (many != null) {
        return many.add(name);
      }
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return false;
        }
      }
      if (size < LINEAR) {
        names[size++] = name;
        return true;
      }
      many = new HashSet<>(List.of(names));
      return many.add(name);
    }
  }

  /**
   * Reads from the start of an object or array to its end.
   *
   * @return false if a key appears twice in one object; the parser is then at its second name
   */
  boolean skipUnique(JsonParser parser) throws IOException {
    int objects = 0;
    int nesting = 0;
    JsonToken token = parser.currentToken();
    while (true) {
      switch (token) {
        case START_OBJECT -> {
          level(objects++).clear();
          nesting++;
        }
        case START_ARRAY -> nesting++;
        case END_OBJECT -> {
          objects--;
          nesting--;
        }
        case END_ARRAY -> nesting--;
        case FIELD_NAME -> {
          if (!levels.get(objects - 1).add(parser.currentName())) {
            return false;
          }
        }
        case VALUE_NUMBER_FLOAT -> {
          if (longExponent(parser)) {
            // Throws NumberFormatException for an exponent beyond BigDecimal's, as reading the
            // stored payload back would.
            parser.getDecimalValue();
          }
        }
        default -> {}
      }
      if (nesting == 0) {
        return true;
      }
      token = parser.nextToken();
    }
  }

  /**
   * Whether a number has an exponent of ten digits or more, the only ones BigDecimal may not hold;
   * the text is looked at in place, since most numbers need no more.
   */
  private static boolean longExponent(JsonParser parser) throws IOException {
    char[] text = parser.getTextCharacters();
    int start = parser.getTextOffset();
    for (int i = start + parser.getTextLength() - 1; i >= start; i--) {
      char c = text[i];
      if (c == 'e' || c == 'E') {
        return start + parser.getTextLength() - 1 - i >= 10;
      }
      if (c == '.') {
        return false;
      }
    }
    return false;
  }

  private Level level(int depth) {
    while (levels.size() <= depth) {
      levels.add(new Level());
    }
    return levels.get(depth);
  }
}
