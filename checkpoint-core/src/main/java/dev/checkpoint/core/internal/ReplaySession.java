package dev.checkpoint.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMissing;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The replay of one entry request: the recorded calls of its entry checkpoint that its own calls
 * are answered from, and the time and id values it read when it was recorded, given back in the
 * same order. A session whose recording could not be read fails every call with the reason.
 */
public final class ReplaySession {

  private static final String REMEDY =
      "If the call is intended, record the entry again; to let unmatched calls reach the real"
          + " dependency, set CHECKPOINT_REPLAY_MISSING=CALL_REAL.";

  private final ReplayLedger ledger;
  private final String loadFailure;
  private final ReplayMissing missing;
  private final Set<ReplayViews.Protocol> answered;
  private final Deque<Instant> instants = new ArrayDeque<>();
  private final Deque<UUID> uuids = new ArrayDeque<>();

  private ReplaySession(
      ReplayLedger ledger,
      String loadFailure,
      ReplayMissing missing,
      Set<ReplayViews.Protocol> answered) {
    this.ledger = ledger;
    this.loadFailure = loadFailure;
    this.missing = missing;
    this.answered = answered;
  }

  /**
   * The replay of a recorded entry.
   *
   * @param entry the recorded entry checkpoint
   * @param missing what an unmatched call does
   * @return the session
   */
  public static ReplaySession of(ReplaySource.RecordedEntry entry, ReplayMissing missing) {
    ReplaySession session =
        new ReplaySession(
            ReplayLedger.forEntry(entry.description(), entry.node(), entry.normaliser(), REMEDY),
            null,
            missing,
            EnumSet.allOf(ReplayViews.Protocol.class));
    JsonNode attributes = entry.node().fields().path("attributes");
    for (JsonNode value : attributes.path(LocalTree.TIME_ATTRIBUTE)) {
      try {
        session.instants.add(Instant.parse(value.asText()));
      } catch (DateTimeParseException e) {
        // A value that is no instant cannot be given back; the real time is used instead.
      }
    }
    for (JsonNode value : attributes.path(LocalTree.IDS_ATTRIBUTE)) {
      try {
        session.uuids.add(UUID.fromString(value.asText()));
      } catch (IllegalArgumentException e) {
        // As for time: a real id is used instead.
      }
    }
    return session;
  }

  /**
   * The replay of an entry whose recording could not be read: every call fails with the reason (or,
   * with {@link ReplayMissing#CALL_REAL}, reaches the real dependency).
   *
   * @param reason why the recording could not be read, and what to fix
   * @param missing what an unmatched call does
   * @return the session
   */
  public static ReplaySession failed(String reason, ReplayMissing missing) {
    return new ReplaySession(
        ReplayLedger.forEntry(reason, null, Normaliser.none(), REMEDY),
        reason,
        missing,
        EnumSet.allOf(ReplayViews.Protocol.class));
  }

  /**
   * A replay that answers some kinds of calls from a ledger a test library collected, unmatched
   * calls failing; calls of other kinds reach their dependency (which the test library may answer
   * its own way, such as a stub server).
   *
   * @param ledger the recorded calls
   * @param answered the kinds of calls answered
   * @return the session
   */
  public static ReplaySession answering(ReplayLedger ledger, Set<ReplayViews.Protocol> answered) {
    return new ReplaySession(ledger, null, ReplayMissing.FAIL, Set.copyOf(answered));
  }

  /**
   * The answer to a call.
   *
   * @param kind the call's kind
   * @param name the call's checkpoint name
   * @param input the call's input as recorded
   * @return the recorded call, or an unmatched one saying what was recorded nearby; empty for a
   *     kind of call that is not replayed
   */
  public Optional<RecordedCall> answer(Kind kind, String name, JsonNode input) {
    Optional<ReplayViews.Protocol> protocol = ReplayViews.Protocol.of(kind.name());
    if (protocol.isEmpty() || !answered.contains(protocol.get())) {
      return Optional.empty();
    }
    String failure;
    if (loadFailure != null) {
      failure = loadFailure;
    } else {
      Optional<ReplayLedger.Entry> match = ledger.take(protocol.get(), name, input);
      if (match.isPresent()) {
        var recorded = match.get().checkpoint();
        return Optional.of(
            RecordedCall.matched(
                recorded.output(),
                recorded.error().orElse(null),
                recorded.fields().path("attributes")));
      }
      failure = ledger.lastFailure();
    }
    return Optional.of(RecordedCall.unmatched(failure));
  }

  /**
   * The recorded calls; for a session whose recording could not be read, none, and messages that
   * begin with the reason.
   *
   * @return the ledger
   */
  public ReplayLedger ledger() {
    return ledger;
  }

  /**
   * Whether calls of a protocol are answered from the recording.
   *
   * @param protocol the protocol
   * @return {@code true} when {@link #answer} answers them
   */
  public boolean answers(ReplayViews.Protocol protocol) {
    return answered.contains(protocol);
  }

  /**
   * What an unmatched call does.
   *
   * @return the setting
   */
  public ReplayMissing missing() {
    return missing;
  }

  /** The next recorded time, or the observed one when the recording has no more. */
  synchronized Instant instant(Instant observed) {
    Instant recorded = instants.poll();
    return recorded == null ? observed : recorded;
  }

  /** The next recorded id, or the generated one when the recording has no more. */
  synchronized UUID uuid(UUID generated) {
    UUID recorded = uuids.poll();
    return recorded == null ? generated : recorded;
  }
}
