package dev.checkpoint;

import dev.checkpoint.internal.RecorderHolder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The system clock, as seen by Checkpoint: while a tree is recorded, the times the application
 * reads are kept with it, and when the tree is replayed the same times are given back, so that
 * outputs holding {@code Instant.now(clock)} or {@code LocalDate.now(clock)} replay unchanged.
 * While recording is off it is the system clock at the cost of one volatile read.
 *
 * <p>Use it wherever the application reads the time:
 *
 * <pre>{@code
 * Clock clock = CheckpointClock.systemUtc();   // a bean, with the Spring Boot starter
 * Instant placedAt = Instant.now(clock);
 * }</pre>
 */
public final class CheckpointClock extends Clock {

  private static final CheckpointClock UTC = new CheckpointClock(ZoneOffset.UTC);

  private final ZoneId zone;

  private CheckpointClock(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The clock in UTC.
   *
   * @return the clock
   */
  public static CheckpointClock systemUtc() {
    return UTC;
  }

  /**
   * The clock in a zone.
   *
   * @param zone the zone dates and times are shown in
   * @return the clock
   */
  public static CheckpointClock system(ZoneId zone) {
    return new CheckpointClock(Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return newZone.equals(zone) ? this : system(newZone);
  }

  @Override
  public Instant instant() {
    return RecorderHolder.get().instant(Instant.now());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CheckpointClock that && zone.equals(that.zone);
  }

  @Override
  public int hashCode() {
    return zone.hashCode() + 7;
  }

  @Override
  public String toString() {
    return "CheckpointClock[" + zone + "]";
  }
}
