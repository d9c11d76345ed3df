package dev.checkpoint.agent.internal.bootstrap;

import dev.checkpoint.CheckpointClock;
import dev.checkpoint.internal.RecorderHolder;
import dev.checkpoint.spi.Recorder;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * What the agent calls in place of the JDK's time and random-id methods in application classes
 * ({@code TimeAndIdsSubstitution} rewrites the calls): each method has the signature of the one it
 * stands for. While recording is off, one check and then the JDK's own call; while a tree is
 * recorded or replayed, the value goes through the recorder's {@link Recorder#instant} and {@link
 * Recorder#uuid}, as {@link CheckpointClock} and {@code CheckpointIds} do, so it is kept with the
 * tree or given back from its recording.
 */
public final class TimeAndIds {

  private TimeAndIds() {}

  /**
   * Stands for {@link Instant#now()}.
   *
   * @return the instant
   */
  public static Instant instantNow() {
    Recorder recorder = RecorderHolder.get();
    return recorder.isEnabled() ? recorder.instant(Instant.now()) : Instant.now();
  }

  /**
   * Stands for {@link System#currentTimeMillis()}; kept and given back as an instant.
   *
   * @return milliseconds since the epoch
   */
  public static long currentTimeMillis() {
    Recorder recorder = RecorderHolder.get();
    return recorder.isEnabled()
        ? recorder.instant(Instant.ofEpochMilli(System.currentTimeMillis())).toEpochMilli()
        : System.currentTimeMillis();
  }

  /**
   * Stands for {@link UUID#randomUUID()}.
   *
   * @return the id
   */
  public static UUID randomUUID() {
    Recorder recorder = RecorderHolder.get();
    return recorder.isEnabled() ? recorder.uuid(UUID.randomUUID()) : UUID.randomUUID();
  }

  /**
   * Stands for {@link Clock#systemUTC()}: a clock whose every reading goes through the recorder.
   *
   * @return the clock
   */
  public static Clock systemUTC() {
    return CheckpointClock.systemUtc();
  }

  /**
   * Stands for {@link Clock#systemDefaultZone()}.
   *
   * @return the clock
   */
  public static Clock systemDefaultZone() {
    return CheckpointClock.system(ZoneId.systemDefault());
  }

  /**
   * Stands for {@link Clock#system(ZoneId)}.
   *
   * @param zone the zone
   * @return the clock
   */
  public static Clock system(ZoneId zone) {
    return CheckpointClock.system(zone);
  }

  /**
   * Stands for {@link LocalDate#now()}.
   *
   * @return the date
   */
  public static LocalDate localDateNow() {
    return enabled() ? LocalDate.now(defaultZoneClock()) : LocalDate.now();
  }

  /**
   * Stands for {@link LocalDate#now(ZoneId)}.
   *
   * @param zone the zone
   * @return the date
   */
  public static LocalDate localDateNow(ZoneId zone) {
    return enabled() ? LocalDate.now(CheckpointClock.system(zone)) : LocalDate.now(zone);
  }

  /**
   * Stands for {@link LocalDateTime#now()}.
   *
   * @return the date and time
   */
  public static LocalDateTime localDateTimeNow() {
    return enabled() ? LocalDateTime.now(defaultZoneClock()) : LocalDateTime.now();
  }

  /**
   * Stands for {@link LocalDateTime#now(ZoneId)}.
   *
   * @param zone the zone
   * @return the date and time
   */
  public static LocalDateTime localDateTimeNow(ZoneId zone) {
    return enabled() ? LocalDateTime.now(CheckpointClock.system(zone)) : LocalDateTime.now(zone);
  }

  /**
   * Stands for {@link LocalTime#now()}.
   *
   * @return the time
   */
  public static LocalTime localTimeNow() {
    return enabled() ? LocalTime.now(defaultZoneClock()) : LocalTime.now();
  }

  /**
   * Stands for {@link LocalTime#now(ZoneId)}.
   *
   * @param zone the zone
   * @return the time
   */
  public static LocalTime localTimeNow(ZoneId zone) {
    return enabled() ? LocalTime.now(CheckpointClock.system(zone)) : LocalTime.now(zone);
  }

  /**
   * Stands for {@link OffsetDateTime#now()}.
   *
   * @return the date and time
   */
  public static OffsetDateTime offsetDateTimeNow() {
    return enabled() ? OffsetDateTime.now(defaultZoneClock()) : OffsetDateTime.now();
  }

  /**
   * Stands for {@link OffsetDateTime#now(ZoneId)}.
   *
   * @param zone the zone
   * @return the date and time
   */
  public static OffsetDateTime offsetDateTimeNow(ZoneId zone) {
    return enabled() ? OffsetDateTime.now(CheckpointClock.system(zone)) : OffsetDateTime.now(zone);
  }

  /**
   * Stands for {@link ZonedDateTime#now()}.
   *
   * @return the date and time
   */
  public static ZonedDateTime zonedDateTimeNow() {
    return enabled() ? ZonedDateTime.now(defaultZoneClock()) : ZonedDateTime.now();
  }

  /**
   * Stands for {@link ZonedDateTime#now(ZoneId)}.
   *
   * @param zone the zone
   * @return the date and time
   */
  public static ZonedDateTime zonedDateTimeNow(ZoneId zone) {
    return enabled() ? ZonedDateTime.now(CheckpointClock.system(zone)) : ZonedDateTime.now(zone);
  }

  private static boolean enabled() {
    return RecorderHolder.get().isEnabled();
  }

  private static Clock defaultZoneClock() {
    return CheckpointClock.system(ZoneId.systemDefault());
  }
}
