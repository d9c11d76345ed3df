package dev.checkpoint.server.internal.storage;

/**
 * Text that every database stores as given. PostgreSQL refuses U+0000 in text, and a lone surrogate
 * has no UTF-8 form (the driver would silently write '?'), so both are refused before anything is
 * written, the same way on every database.
 */
public final class StorableText {
  private StorableText() {}

  /** What keeps the text from being stored, or null when it can be stored as it is. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "contains U+0000 (a NUL character) at index " + i + ", which cannot be stored";
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          return String.format(
              "contains a lone surrogate (U+%04X) at index %d, which is not a character;"
                  + " send text as valid UTF-16/UTF-8",
              (int) c, i);
        }
        i++;
      }
    }
    return null;
  }
}
