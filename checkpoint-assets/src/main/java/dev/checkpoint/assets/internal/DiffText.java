package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointChange;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.FirstDivergence;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.assets.ValueDiff;
import java.util.ArrayList;
import java.util.List;

/** The text and Markdown renderings documented on {@code DiffRenderer}. */
public final class DiffText {

  private static final String GREEN = "\u001B[32m";
  private static final String RED = "\u001B[31m";
  private static final String YELLOW = "\u001B[33m";
  private static final String CYAN = "\u001B[36m";
  private static final String RESET = "\u001B[0m";
  private static final int MAX_VALUE = 200;
  private static final String NONE = "No differences.\n";

  private DiffText() {}

  public static String text(TreeDiff diff, boolean colour) {
    if (diff.isEmpty()) {
      return NONE;
    }
    StringBuilder out = new StringBuilder(summary(diff)).append('\n');
    for (CheckpointChange change : diff.changes()) {
      if (change instanceof CheckpointChange.Added added) {
        line(out, colour, GREEN, "+ added    " + added.key());
      } else if (change instanceof CheckpointChange.Removed removed) {
        line(out, colour, RED, "- removed  " + removed.key());
      } else if (change instanceof CheckpointChange.Moved moved) {
        line(out, colour, CYAN, "> moved    " + moved(moved, "", " -> "));
      } else if (change instanceof CheckpointChange.Changed changed) {
        line(out, colour, YELLOW, "~ changed  " + changed(changed, "", ""));
        for (ValueChange value : changed.changes()) {
          valueLine(out, colour, "    ", value);
        }
      }
    }
    return out.toString();
  }

  public static String text(FirstDivergence first, boolean colour) {
    StringBuilder out = new StringBuilder();
    line(out, colour, YELLOW, "First divergence: " + what(first.first(), ""));
    for (ValueChange value : first.changes()) {
      valueLine(out, colour, "    ", value);
    }
    out.append("Cause: ")
        .append(first.cause().map(c -> c.key() + "\n    ").orElse(""))
        .append(first.explanation())
        .append('\n');
    later(out, first);
    return out.toString();
  }

  public static String markdown(FirstDivergence first) {
    StringBuilder out =
        new StringBuilder("**First divergence:** ").append(what(first.first(), "`")).append("\n\n");
    if (!first.changes().isEmpty()) {
      table(out, "", first.changes());
      out.append('\n');
    }
    out.append("**Cause:** ")
        .append(first.cause().map(c -> code(c.key().toString()) + ": ").orElse(""))
        .append(first.explanation())
        .append("\n\n");
    later(out, first);
    return out.toString();
  }

  private static String what(FirstDivergence.Divergence divergence, String quote) {
    CheckpointChange change = divergence.change();
    String key = quote.isEmpty() ? change.key().toString() : code(change.key().toString());
    return switch (divergence.side()) {
      case INPUT, OUTPUT, ERROR, ADDED, REMOVED -> divergence.side().phrase() + " " + key;
      case MOVED ->
          "moved "
              + moved((CheckpointChange.Moved) change, quote, quote.isEmpty() ? " -> " : " → ");
    };
  }

  private static void later(StringBuilder out, FirstDivergence first) {
    int later = first.others().size();
    if (later > 0) {
      out.append(later)
          .append(later == 1 ? " later divergence" : " later divergences")
          .append(" below.\n");
    }
  }

  public static String text(ValueDiff diff, boolean colour) {
    if (diff.isEmpty()) {
      return NONE;
    }
    StringBuilder out = new StringBuilder(summary(diff.changes())).append('\n');
    for (ValueChange value : diff.changes()) {
      valueLine(out, colour, "", value);
    }
    return out.toString();
  }

  public static String markdown(TreeDiff diff) {
    if (diff.isEmpty()) {
      return NONE;
    }
    String summary = summary(diff);
    int colon = summary.indexOf(':');
    StringBuilder out =
        new StringBuilder("**")
            .append(summary, 0, colon + 1)
            .append("**")
            .append(summary.substring(colon + 1))
            .append("\n\n");
    for (CheckpointChange change : diff.changes()) {
      if (change instanceof CheckpointChange.Added added) {
        out.append("- **added** ").append(code(added.key().toString())).append('\n');
      } else if (change instanceof CheckpointChange.Removed removed) {
        out.append("- **removed** ").append(code(removed.key().toString())).append('\n');
      } else if (change instanceof CheckpointChange.Moved moved) {
        out.append("- **moved** ").append(moved(moved, "`", " → ")).append('\n');
      } else if (change instanceof CheckpointChange.Changed changed) {
        out.append("- **changed** ").append(changed(changed, "`", "`")).append("\n\n");
        table(out, "  ", changed.changes());
        out.append('\n');
      }
    }
    return out.toString();
  }

  public static String markdown(ValueDiff diff) {
    if (diff.isEmpty()) {
      return NONE;
    }
    StringBuilder out = new StringBuilder("**").append(summary(diff.changes())).append("**\n\n");
    table(out, "", diff.changes());
    return out.toString();
  }

  private static String summary(TreeDiff diff) {
    List<String> parts = new ArrayList<>();
    count(parts, diff.added().size(), "added");
    count(parts, diff.removed().size(), "removed");
    count(parts, diff.moved().size(), "moved");
    count(parts, diff.changed().size(), "changed");
    return differences(diff.changes().size()) + ": " + String.join(", ", parts);
  }

  private static String summary(List<ValueChange> changes) {
    return differences(changes.size());
  }

  private static String differences(int count) {
    return count + (count == 1 ? " difference" : " differences");
  }

  private static void count(List<String> parts, int count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    }
  }

  private static String moved(CheckpointChange.Moved moved, String quote, String arrow) {
    if (moved.expectedKey().equals(moved.actualKey())) {
      return quote + moved.actualKey() + quote + " (order among siblings changed)";
    }
    return quote + moved.expectedKey() + quote + arrow + quote + moved.actualKey() + quote;
  }

  private static String changed(CheckpointChange.Changed changed, String open, String close) {
    CheckpointKey actual = changed.actualKey();
    String key = open.isEmpty() ? actual.toString() : code(actual.toString());
    if (changed.expectedKey().equals(actual)) {
      return key;
    }
    String was = changed.expectedKey().toString();
    return key + " (was " + (open.isEmpty() ? was : code(was)) + ")";
  }

  private static void valueLine(StringBuilder out, boolean colour, String indent, ValueChange c) {
    String path = c.path().isEmpty() ? "(root)" : c.path();
    switch (c.type()) {
      case ADDED -> line(out, colour, GREEN, indent + "+ " + path + ": " + value(c.actual()));
      case REMOVED -> line(out, colour, RED, indent + "- " + path + ": " + value(c.expected()));
      case CHANGED ->
          line(
              out,
              colour,
              YELLOW,
              indent + "~ " + path + ": " + value(c.expected()) + " -> " + value(c.actual()));
    }
  }

  private static void line(StringBuilder out, boolean colour, String ansi, String text) {
    if (colour) {
      out.append(ansi).append(text).append(RESET);
    } else {
      out.append(text);
    }
    out.append('\n');
  }

  private static void table(StringBuilder out, String indent, List<ValueChange> changes) {
    out.append(indent).append("| path | expected | actual |\n");
    out.append(indent).append("| --- | --- | --- |\n");
    for (ValueChange change : changes) {
      out.append(indent)
          .append("| ")
          .append(cell(change.path().isEmpty() ? "(root)" : change.path()))
          .append(" | ")
          .append(cell(change.expected()))
          .append(" | ")
          .append(cell(change.actual()))
          .append(" |\n");
    }
  }

  private static String cell(JsonNode value) {
    return value.isMissingNode() ? "" : cell(value(value));
  }

  private static String cell(String text) {
    return code(text).replace("|", "\\|");
  }

  private static String code(String text) {
    return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
  }

  private static String value(JsonNode value) {
    String text = Json.compact(value);
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
  }
}
