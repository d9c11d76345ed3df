package dev.checkpoint.assets.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.NoisyValue;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.ValueChange;
import dev.checkpoint.assets.ValueDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The recorded calls of one replayed test or entry request, and which of them were answered. Calls
 * are matched on their kind and a view of their name and input ({@link ReplayViews}): an unused
 * recorded call whose view equals the call's, the first in recorded order; so repeated identical
 * calls are answered in the order they were recorded, each once. Views are compared normalised: the
 * actual call's noise is marked by the asset's normaliser, and a place that is noise on either side
 * (the recorded call's noise as the asset marks it) is equal whatever its values.
 */
public final class ReplayLedger {

  private static final Set<String> IMPORTANT =
      Set.of(
          "/method",
          "/path",
          "/statement",
          "/name",
          "/exchange",
          "/routingKey",
          "/topic",
          "/command");
  private static final String ASSET_REMEDY =
      "Fix the component if the call is wrong; if it is intended, record the asset again"
          + " (-Dcheckpoint.update=true).";
  private static final int CLOSEST = 3;
  private static final Set<ReplayViews.Protocol> OUTBOUND =
      Set.of(
          ReplayViews.Protocol.HTTP,
          ReplayViews.Protocol.SQL,
          ReplayViews.Protocol.CACHE,
          ReplayViews.Protocol.MESSAGE);

  /** One recorded outbound call. */
  public static final class Entry {
    final CheckpointNode node;
    final ReplayViews.Protocol protocol;
    final NoisyValue input;
    final String index;
    final String exact;
    final JsonNode view;
    final boolean redacted;
    final int order;
    boolean used;

    Entry(CheckpointNode node, ReplayViews.Protocol protocol, int order) {
      this.node = node;
      this.protocol = protocol;
      this.input = node.value("input");
      this.view = ReplayViews.of(protocol, node.name(), input.normalised());
      this.index = ReplayViews.index(protocol, view);
      this.exact = ReplayViews.canonical(protocol, view);
      this.redacted = RedactedPlaces.hasMarkers(view);
      this.order = order;
    }

    /**
     * The recorded checkpoint.
     *
     * @return the checkpoint
     */
    public CheckpointNode checkpoint() {
      return node;
    }
  }

  private final String source;
  private final Normaliser normaliser;
  private final String remedy;
  private final boolean answersChangedWrites;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, List<Entry>> byIndex = new LinkedHashMap<>();
  private final Map<String, List<Entry>> byView = new HashMap<>();
  private final List<String> failures = new ArrayList<>();

  private ReplayLedger(
      String source, Normaliser normaliser, String remedy, boolean answersChangedWrites) {
    this.source = source;
    this.normaliser = normaliser;
    this.remedy = remedy;
    this.answersChangedWrites = answersChangedWrites;
  }

  /**
   * Collects the outbound calls under some checkpoints: {@code HTTP_CLIENT}, {@code SQL}, {@code
   * CACHE} and {@code MESSAGE_PUBLISH} checkpoints, not descending into them (what the called
   * service or the consumer of a message did is not the component's).
   *
   * @param source the asset's name, for messages
   * @param roots the checkpoints to search, parents before children
   * @param normaliser the asset's normaliser, which marks the noise of actual calls
   * @return the ledger
   */
  public static ReplayLedger of(String source, List<CheckpointNode> roots, Normaliser normaliser) {
    return of(source, roots, normaliser, OUTBOUND);
  }

  /**
   * Collects the outbound calls of some protocols under some checkpoints, as {@link #of(String,
   * List, Normaliser)}: for a replay that answers only those, so that strict mode does not report
   * the others as never made.
   *
   * @param source the asset's name, for messages
   * @param roots the checkpoints to search, parents before children
   * @param normaliser the asset's normaliser, which marks the noise of actual calls
   * @param protocols the protocols collected, of {@code HTTP}, {@code SQL}, {@code CACHE} and
   *     {@code MESSAGE}
   * @return the ledger
   */
  public static ReplayLedger of(
      String source,
      List<CheckpointNode> roots,
      Normaliser normaliser,
      Set<ReplayViews.Protocol> protocols) {
    return collect(
        new ReplayLedger(source, normaliser, ASSET_REMEDY, false),
        roots,
        node ->
            ReplayViews.Protocol.of(node.kind())
                .filter(protocol -> protocol != ReplayViews.Protocol.METHOD)
                .filter(protocols::contains)
                .isPresent());
  }

  /**
   * Collects the dependencies of a service's entry checkpoint: the outbound HTTP calls, SQL
   * statements and message publishes under it, and the methods whose checkpoint says {@code
   * dependency} is {@code true} in its attributes; not descending into any of them (what a called
   * service or a dependency did is not the entry's own work).
   *
   * <p>A write whose values changed is answered too, unlike in {@link #of}: an {@code INSERT},
   * {@code UPDATE} or {@code DELETE} without {@code RETURNING}, or a message publish, made where
   * the recording made the same statement or published to the same exchange and routing key. What
   * such a call returns (an update count, generated keys, nothing) does not depend on the values
   * written, and the whole replayed tree is compared with the recorded one, so the changed values
   * are reported there, at the checkpoint that wrote them, while the service goes on as recorded
   * instead of failing on the write.
   *
   * @param source where the recording came from, for messages
   * @param entry the recorded entry checkpoint, or {@code null} for a ledger of no calls
   * @param normaliser marks the noise of actual calls
   * @param remedy the last sentence of the message for an unmatched call: what to do about it
   * @return the ledger
   */
  public static ReplayLedger forEntry(
      String source, CheckpointNode entry, Normaliser normaliser, String remedy) {
    return collect(
        new ReplayLedger(source, normaliser, remedy, true),
        entry == null ? List.of() : entry.children(),
        node ->
            !node.kind().equals("METHOD")
                || node.fields().path("attributes").path("dependency").asBoolean(false));
  }

  private static ReplayLedger collect(
      ReplayLedger ledger, List<CheckpointNode> roots, Predicate<CheckpointNode> answered) {
    List<CheckpointNode> stack = new ArrayList<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(roots.get(i));
    }
    while (!stack.isEmpty()) {
      CheckpointNode node = stack.remove(stack.size() - 1);
      Optional<ReplayViews.Protocol> protocol = ReplayViews.Protocol.of(node.kind());
      if (protocol.isPresent() && answered.test(node)) {
        Entry entry = new Entry(node, protocol.get(), ledger.entries.size());
        ledger.entries.add(entry);
        ledger.byIndex.computeIfAbsent(entry.index, k -> new ArrayList<>()).add(entry);
        ledger.byView.computeIfAbsent(entry.exact, k -> new ArrayList<>()).add(entry);
      } else {
        for (int i = node.children().size() - 1; i >= 0; i--) {
          stack.add(node.children().get(i));
        }
      }
    }
    return ledger;
  }

  /**
   * The recorded calls, in the order they were made.
   *
   * @return the checkpoints
   */
  public List<CheckpointNode> recorded() {
    return entries.stream().map(entry -> entry.node).toList();
  }

  /**
   * The number of recorded outbound calls.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }

  /**
   * Takes the recorded call that answers an actual call.
   *
   * @param protocol HTTP or SQL
   * @param actualInput the actual call's input as the instrumentation records it, from {@link
   *     ReplayViews#http} or {@link ReplayViews#sql}
   * @return the recorded call, marked used; empty when none matches, after the failure was noted
   */
  public Optional<Entry> take(ReplayViews.Protocol protocol, ObjectNode actualInput) {
    return take(protocol, "", actualInput);
  }

  /**
   * Takes the recorded call that answers an actual call of any protocol.
   *
   * @param protocol the call's protocol
   * @param name the call's checkpoint name; only methods are matched on it
   * @param actualInput the actual call's input as the instrumentation records it
   * @return the recorded call, marked used; empty when none matches, after the failure was noted
   */
  public synchronized Optional<Entry> take(
      ReplayViews.Protocol protocol, String name, JsonNode actualInput) {
    NoisyValue input = normaliser.normalise("input", actualInput);
    JsonNode view = ReplayViews.of(protocol, name, input.normalised());
    // Equal views have equal canonical text: one lookup for the common case of a match.
    for (Entry entry : byView.getOrDefault(ReplayViews.canonical(protocol, view), List.of())) {
      if (!entry.used) {
        return Optional.of(use(entry));
      }
    }
    List<Entry> sameIndex = byIndex.getOrDefault(ReplayViews.index(protocol, view), List.of());
    for (Entry entry : sameIndex) {
      if (!entry.used && entry.protocol == protocol && difference(entry, name, input).isEmpty()) {
        return Optional.of(use(entry));
      }
    }
    // Noise only one side marks, or a literal redacted in the recording, can hide a path or a
    // statement: the recorded call may be anywhere.
    for (Entry entry : entries) {
      if (!entry.used
          && entry.protocol == protocol
          && (entry.redacted || !entry.input.noise().equals(input.noise()))
          && !sameIndex.contains(entry)
          && difference(entry, name, input).isEmpty()) {
        return Optional.of(use(entry));
      }
    }
    if (answersChangedWrites && ReplayViews.isWrite(protocol, view)) {
      for (Entry entry : sameIndex) {
        if (!entry.used && entry.protocol == protocol) {
          return Optional.of(use(entry));
        }
      }
    }
    failures.add(unmatched(protocol, name, input, view));
    return Optional.empty();
  }

  private static Entry use(Entry entry) {
    entry.used = true;
    return entry;
  }

  /* What differs between a recorded call and an actual one, noise of either side left out. */
  private static ValueDiff difference(Entry entry, String name, NoisyValue input) {
    JsonNode recorded =
        ReplayViews.of(entry.protocol, entry.node.name(), entry.input.normalisedFor(input));
    return StructuralDiff.defaults()
        .compare(
            recorded,
            RedactedPlaces.align(
                recorded,
                ReplayViews.of(
                    entry.protocol,
                    entry.protocol.matchesName() ? name : entry.node.name(),
                    input.normalisedFor(entry.input))));
  }

  /**
   * The last failure noted, the message of an unmatched call.
   *
   * @return the message
   */
  public synchronized String lastFailure() {
    return failures.get(failures.size() - 1);
  }

  /**
   * The messages of every unmatched call so far.
   *
   * @return a copy
   */
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /**
   * The message for recorded calls never made, for strict mode.
   *
   * @return the message; empty when every recorded call was made
   */
  public synchronized Optional<String> unused() {
    List<Entry> unused = entries.stream().filter(entry -> !entry.used).toList();
    if (unused.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out =
        new StringBuilder()
            .append(unused.size())
            .append(unused.size() == 1 ? " recorded call in " : " recorded calls in ")
            .append(source)
            .append(unused.size() == 1 ? " was never made" : " were never made")
            .append(" (strict replay):\n");
    for (Entry entry : unused) {
      out.append("- ")
          .append(entry.node.key())
          .append(": ")
          .append(ReplayViews.describe(entry.protocol, entry.view))
          .append('\n');
    }
    return Optional.of(
        out.append(
                "If the component no longer makes them, record the asset again"
                    + " (-Dcheckpoint.update=true); to allow unused calls, set"
                    + " @CheckpointReplay(strict = false).")
            .toString());
  }

  private String unmatched(
      ReplayViews.Protocol protocol, String name, NoisyValue input, JsonNode view) {
    StringBuilder out =
        new StringBuilder("Unexpected ")
            .append(protocol.label())
            .append(" call ")
            .append(ReplayViews.describe(protocol, view))
            .append(": no recorded call in ")
            .append(source)
            .append(" matches it.\n");
    record Candidate(Entry entry, ValueDiff diff, int score) {}
    List<Candidate> candidates = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.protocol == protocol) {
        ValueDiff diff = difference(entry, name, input);
        int score = 0;
        for (ValueChange change : diff.changes()) {
          score += IMPORTANT.contains(change.path()) ? 10 : 1;
        }
        candidates.add(new Candidate(entry, diff, score));
      }
    }
    if (candidates.isEmpty()) {
      out.append(source).append(" has no recorded ").append(protocol.label()).append(" calls.\n");
    } else {
      candidates.sort(
          Comparator.comparingInt(Candidate::score).thenComparingInt(c -> c.entry().order));
      out.append("Closest recorded calls:\n");
      for (Candidate candidate : candidates.subList(0, Math.min(CLOSEST, candidates.size()))) {
        out.append("- ").append(candidate.entry().node.key());
        if (candidate.diff().isEmpty()) {
          out.append(
              "\n    the same call, already answered: the component makes it more often than"
                  + " recorded\n");
        } else {
          out.append(candidate.entry().used ? " (already answered)\n" : "\n");
          String text = DiffRenderer.text(candidate.diff(), false);
          for (String line : text.substring(text.indexOf('\n') + 1).split("\n")) {
            out.append("    ").append(line).append('\n');
          }
        }
      }
    }
    return out.append(remedy).toString();
  }
}
