package dev.checkpoint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.contracts.internal.JsonPaths;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which consumers a provider's new behaviour breaks, in the spirit of Pact Broker's {@code
 * can-i-deploy} without a broker: every recorded interaction whose answer the provider no longer
 * gives, at which field, and which of the consumer's own checkpoints used the old value.
 *
 * <p>An interaction of the new recording answers a recorded one when both have the same pair,
 * provider state and description (the call's name). Answers are compared with their noise as
 * placeholders, so a new id is no change, but an id of another form is. An interaction the new
 * recording did not exercise is {@linkplain #unexercised() listed apart}: nothing is known of it.
 */
public final class Impact {

  /**
   * One field of one interaction whose answer changed.
   *
   * @param interaction the recorded interaction
   * @param field where: {@code status}, {@code header content-type}, or a JSONPath into the body
   *     ({@code $.paymentId}) or the message contents
   * @param change the change with the recorded values, its path a JSON Pointer into the response
   *     (the example of a message)
   * @param readers the consumer's checkpoints after the exchange whose input holds the old value
   */
  public record Finding(
      Interaction interaction, String field, ValueChange change, List<CheckpointNode> readers) {

    /** Checks the values. */
    public Finding {
      Objects.requireNonNull(interaction, "interaction");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(change, "change");
      readers = List.copyOf(readers);
    }
  }

  private final List<Finding> findings;
  private final List<Interaction> unexercised;

  private Impact(List<Finding> findings, List<Interaction> unexercised) {
    this.findings = List.copyOf(findings);
    this.unexercised = List.copyOf(unexercised);
  }

  /**
   * Compares what providers answered in a recording with what they answer now.
   *
   * @param recorded the interactions the consumers rely on
   * @param now the interactions of the provider's new behaviour (a drifted run, a replay)
   * @return the findings
   */
  public static Impact of(Contracts recorded, Contracts now) {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(now, "now");
    Map<String, Interaction> answers = new HashMap<>();
    now.interactions().forEach(i -> answers.putIfAbsent(identity(i), i));
    List<Finding> findings = new ArrayList<>();
    List<Interaction> unexercised = new ArrayList<>();
    for (Interaction interaction : recorded.interactions()) {
      Interaction answer = answers.get(identity(interaction));
      if (answer == null) {
        unexercised.add(interaction);
        continue;
      }
      String at = interaction.type() == Interaction.Type.HTTP ? "/response" : "";
      for (ValueChange normalised :
          StructuralDiff.defaults().compare(interaction.value(at), answer.value(at)).changes()) {
        // The diff shows noise as placeholders; the reader needs the values, to find them too.
        ValueChange change =
            new ValueChange(
                normalised.path(),
                normalised.type(),
                interaction.example().at(at + normalised.path()),
                answer.example().at(at + normalised.path()));
        findings.add(
            new Finding(
                interaction,
                field(interaction, at, change.path()),
                change,
                readers(interaction, change.expected())));
      }
    }
    return new Impact(findings, unexercised);
  }

  private static String identity(Interaction interaction) {
    return interaction.type()
        + "\u0000"
        + interaction.consumer()
        + "\u0000"
        + interaction.provider()
        + "\u0000"
        + interaction.description();
  }

  private static String field(Interaction interaction, String at, String pointer) {
    JsonNode example = interaction.example();
    for (String body : List.of("/body", "/contents")) {
      if (pointer.equals(body) || pointer.startsWith(body + "/")) {
        return JsonPaths.of(example.at(at + body), pointer.substring(body.length()));
      }
    }
    if (pointer.startsWith("/headers/")) {
      return "header " + pointer.substring("/headers/".length());
    }
    return pointer.isEmpty() ? "the whole answer" : pointer.substring(1).replace('/', '.');
  }

  /* The consumer's checkpoints after the exchange whose input holds the old value. */
  private static List<CheckpointNode> readers(Interaction interaction, JsonNode old) {
    List<CheckpointNode> readers = new ArrayList<>();
    if (!old.isTextual() && !old.isNumber()) {
      return readers;
    }
    for (CheckpointNode reader : interaction.readers()) {
      if (holds(reader.input(), old)) {
        readers.add(reader);
      }
    }
    return readers;
  }

  private static boolean holds(JsonNode value, JsonNode old) {
    if (value.isTextual()) {
      String text = value.textValue();
      return old.isTextual()
          ? !old.textValue().isEmpty() && text.contains(old.textValue())
          : text.equals(old.asText());
    }
    if (value.isNumber() && old.isNumber()) {
      return new BigDecimal(value.asText()).compareTo(new BigDecimal(old.asText())) == 0;
    }
    for (JsonNode child : value) {
      if (holds(child, old)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every changed field of every interaction.
   *
   * @return the findings, in recorded order
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Whether a consumer is affected.
   *
   * @return {@code true} when an answer changed
   */
  public boolean affected() {
    return !findings.isEmpty();
  }

  /**
   * The affected consumers.
   *
   * @return their names, sorted
   */
  public SortedSet<String> consumers() {
    SortedSet<String> consumers = new TreeSet<>();
    findings.forEach(f -> consumers.add(f.interaction().consumer()));
    return consumers;
  }

  /**
   * Recorded interactions the new recording did not exercise, so nothing is known of them.
   *
   * @return the interactions
   */
  public List<Interaction> unexercised() {
    return unexercised;
  }

  /**
   * The findings for a terminal.
   *
   * @return lines of text
   */
  public String text() {
    StringBuilder text = new StringBuilder();
    if (findings.isEmpty()) {
      text.append("No consumer is affected: every recorded interaction is answered as recorded.\n");
    } else {
      text.append("Affected consumers: ").append(String.join(", ", consumers())).append('\n');
      Interaction last = null;
      for (Finding finding : findings) {
        Interaction interaction = finding.interaction();
        if (interaction != last) {
          text.append('\n')
              .append(interaction.consumer())
              .append(" -> ")
              .append(interaction.provider())
              .append(": ")
              .append(interaction.description())
              .append(", provider state '")
              .append(interaction.state())
              .append("'\n");
          last = interaction;
        }
        text.append("  ")
            .append(finding.field())
            .append(": ")
            .append(value(finding.change().expected()))
            .append(" -> ")
            .append(value(finding.change().actual()))
            .append('\n')
            .append("    ")
            .append(readBy(finding))
            .append('\n');
      }
    }
    unexercisedNote(text);
    return text.toString();
  }

  /**
   * The findings for a pull request comment.
   *
   * @return Markdown
   */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    if (findings.isEmpty()) {
      md.append(
          "**No consumer is affected**: every recorded interaction is answered as recorded.\n");
    } else {
      md.append("**Affected consumers: ")
          .append(String.join(", ", consumers()))
          .append("**\n\n")
          .append(
              "| consumer | interaction | provider state | field | recorded → now | read by |\n")
          .append("| --- | --- | --- | --- | --- | --- |\n");
      for (Finding finding : findings) {
        Interaction interaction = finding.interaction();
        md.append("| ")
            .append(cell(interaction.consumer()))
            .append(" | ")
            .append(cell(interaction.provider() + ": " + interaction.description()))
            .append(" | ")
            .append(cell(interaction.state()))
            .append(" | `")
            .append(cell(finding.field()))
            .append("` | `")
            .append(cell(value(finding.change().expected())))
            .append("` → `")
            .append(cell(value(finding.change().actual())))
            .append("` | ")
            .append(
                finding.readers().isEmpty()
                    ? "none of its checkpoints"
                    : cell(
                        String.join(
                            ", ",
                            finding.readers().stream().map(r -> r.key().toString()).toList())))
            .append(" |\n");
      }
    }
    if (!unexercised.isEmpty()) {
      md.append('\n');
    }
    unexercisedNote(md);
    return md.toString();
  }

  private void unexercisedNote(StringBuilder out) {
    if (!unexercised.isEmpty()) {
      out.append("Not exercised by the new recording, so not checked: ")
          .append(String.join(", ", unexercised.stream().map(Interaction::toString).toList()))
          .append('\n');
    }
  }

  private static String readBy(Finding finding) {
    if (finding.readers().isEmpty()) {
      return "no later checkpoint of "
          + finding.interaction().consumer()
          + " took the recorded value as input";
    }
    return "read by "
        + String.join(", ", finding.readers().stream().map(r -> r.key().toString()).toList());
  }

  private static String value(JsonNode value) {
    return value.isMissingNode() ? "(absent)" : value.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
  }
}
