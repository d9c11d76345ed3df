package dev.checkpoint.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A class file's constant pool, walked once to find where each entry is and nothing more: the
 * pre-filters ask it what the class names (an annotation's descriptor, a method it calls) without
 * ASM reading the class, and without searching bytes that are code or attributes. Entries are
 * compared as bytes; no string is made.
 *
 * <p>A class file this walk does not understand (an unknown tag, a pool cut short) answers every
 * question with yes, so that the transformation behind the filter decides, as it would without it.
 */
final class ConstantPool {

  private static final int UTF8 = 1;
  private static final int CLASS = 7;
  private static final int METHOD_REF = 10;
  private static final int NAME_AND_TYPE = 12;

  private final byte[] classFile;

  /** Each entry's offset, that of its tag; 0 for the unused slots (0, and after a long). */
  private final int[] offsets;

  /** Whether the walk went through the whole pool. */
  private final boolean understood;

  private ConstantPool(byte[] classFile, int[] offsets, boolean understood) {
    this.classFile = classFile;
    this.offsets = offsets;
    this.understood = understood;
  }

  /** The class file's constant pool. */
  static ConstantPool of(byte[] classFile) {
    if (classFile.length < 10) {
      return new ConstantPool(classFile, new int[0], false);
    }
    int count = unsignedShort(classFile, 8);
    int[] offsets = new int[count];
    int offset = 10;
    for (int i = 1; i < count; i++) {
      if (offset >= classFile.length) {
        return new ConstantPool(classFile, offsets, false);
      }
      offsets[i] = offset;
      int size = size(classFile, offset);
      if (size < 0) {
        return new ConstantPool(classFile, offsets, false);
      }
      if (classFile[offset] == 5 || classFile[offset] == 6) {
        i++; // a long or a double takes two slots
      }
      offset += size;
    }
    return new ConstantPool(classFile, offsets, offset <= classFile.length);
  }

  /** The entry's size with its tag, or -1 for a tag this class does not know. */
  private static int size(byte[] classFile, int offset) {
    switch (classFile[offset]) {
      case UTF8:
        return offset + 3 <= classFile.length ? 3 + unsignedShort(classFile, offset + 1) : -1;
      case CLASS:
      case 8: // String
      case 16: // MethodType
      case 19: // Module
      case 20: // Package
        return 3;
      case 15: // MethodHandle
        return 4;
      case 3: // Integer
      case 4: // Float
      case 9: // Fieldref
      case METHOD_REF:
      case 11: // InterfaceMethodref
      case NAME_AND_TYPE:
      case 17: // Dynamic
      case 18: // InvokeDynamic
        return 5;
      case 5: // Long
      case 6: // Double
        return 9;
      default:
        return -1;
    }
  }

  /**
   * Whether a UTF-8 entry ends with the bytes, such as an annotation's descriptor ({@code
   * Lcom/acme/Checkpoint;}) with {@code /Checkpoint;}.
   */
  boolean hasUtf8EndingWith(byte[] end) {
    if (!understood) {
      return true;
    }
    for (int offset : offsets) {
      if (offset != 0 && classFile[offset] == UTF8) {
        int length = unsignedShort(classFile, offset + 1);
        if (length >= end.length && endsWith(offset + 3 + length, end)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean endsWith(int limit, byte[] end) {
    int start = limit - end.length;
    for (int j = end.length - 1; j >= 0; j--) {
      if (classFile[start + j] != end[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the class refers to a class method (not an interface's) of one of the given names and
   * owners, as a call of it must. The names are compared first, as bytes: most classes refer to no
   * method of those names, and their owners are then never decoded.
   *
   * @param names the methods' names, such as {@code now}, in UTF-8
   * @param owners by owner's internal name and method name, such as {@code java/time/Instant.now}:
   *     whether the pair is one looked for
   */
  boolean callsAny(byte[][] names, Predicate<String> owners) {
    if (!understood) {
      return true;
    }
    for (int offset : offsets) {
      if (offset != 0 && classFile[offset] == METHOD_REF) {
        int nameAndType = entry(unsignedShort(classFile, offset + 3), NAME_AND_TYPE);
        int name = nameAndType < 0 ? -1 : entry(unsignedShort(classFile, nameAndType + 1), UTF8);
        if (name < 0) {
          return true;
        }
        byte[] matched = oneOf(name, names);
        if (matched != null) {
          int owner = entry(unsignedShort(classFile, offset + 1), CLASS);
          int ownerName = owner < 0 ? -1 : entry(unsignedShort(classFile, owner + 1), UTF8);
          if (ownerName < 0
              || owners.test(
                  utf8(ownerName) + '.' + new String(matched, StandardCharsets.US_ASCII))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The offset of entry {@code index} if it has the tag, else -1. */
  private int entry(int index, int tag) {
    if (index <= 0 || index >= offsets.length) {
      return -1;
    }
    int offset = offsets[index];
    return offset != 0 && classFile[offset] == tag ? offset : -1;
  }

  /** Which of the names the UTF-8 entry at the offset is, if any. */
  private byte[] oneOf(int utf8, byte[][] names) {
    int length = unsignedShort(classFile, utf8 + 1);
    for (byte[] name : names) {
      if (name.length == length && endsWith(utf8 + 3 + length, name)) {
        return name;
      }
    }
    return null;
  }

  private String utf8(int offset) {
    return new String(
        classFile, offset + 3, unsignedShort(classFile, offset + 1), StandardCharsets.UTF_8);
  }

  private static int unsignedShort(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
  }
}
