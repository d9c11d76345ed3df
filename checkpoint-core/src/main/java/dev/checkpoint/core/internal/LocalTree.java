package dev.checkpoint.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the checkpoints of one tree in this process share, from its local root (the entry checkpoint
 * of a request or message, or a root started here) down: the time and id values the application
 * read while working in it, kept as attributes of the local root, and in replay the session that
 * answers its calls and gives those values back.
 */
public final class LocalTree {

  /** The attribute of the local root listing the times read, in order, as ISO-8601 instants. */
  public static final String TIME_ATTRIBUTE = "checkpoint.time";

  /** The attribute of the local root listing the random ids generated, in order. */
  public static final String IDS_ATTRIBUTE = "checkpoint.ids";

  private final ReplaySession replay;
  private List<String> instants;
  private List<String> uuids;

  /**
   * Starts a tree.
   *
   * @param replay the replay answering its calls, or {@code null} when it is not replayed
   */
  public LocalTree(ReplaySession replay) {
    this.replay = replay;
  }

  /**
   * The replay answering this tree's calls.
   *
   * @return the session, or {@code null} when the tree is not replayed
   */
  public ReplaySession replay() {
    return replay;
  }

  /**
   * Keeps a time the application read, or in replay gives back the recorded one.
   *
   * @param observed the system clock's time
   * @return the time to use
   */
  public synchronized Instant instant(Instant observed) {
    Instant value = replay == null ? observed : replay.instant(observed);
    if (instants == null) {
      instants = new ArrayList<>();
    }
    instants.add(InstantText.format(value));
    return value;
  }

  /**
   * Keeps an id the application generated, or in replay gives back the recorded one.
   *
   * @param generated the JDK's id
   * @return the id to use
   */
  public synchronized UUID uuid(UUID generated) {
    UUID value = replay == null ? generated : replay.uuid(generated);
    if (uuids == null) {
      uuids = new ArrayList<>();
    }
    uuids.add(value.toString());
    return value;
  }

  /**
   * Adds the values kept so far to the local root's attributes.
   *
   * @param attributes the attributes, changed
   */
  public synchronized void addTo(Map<String, Object> attributes) {
    if (instants != null) {
      attributes.put(TIME_ATTRIBUTE, List.copyOf(instants));
    }
    if (uuids != null) {
      attributes.put(IDS_ATTRIBUTE, List.copyOf(uuids));
    }
  }

  /**
   * Whether any value was kept.
   *
   * @return {@code true} once the application read a time or generated an id in this tree
   */
  public synchronized boolean hasValues() {
    return instants != null || uuids != null;
  }
}
