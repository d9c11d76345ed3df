package dev.checkpoint.assets;

import java.util.Locale;

/**
 * A built-in recogniser of noise: values that differ between two runs of the same scenario on the
 * same code. {@link Normaliser} marks what a detector recognises as noise, with its placeholder.
 *
 * <p>Some detectors look at the value alone; others only trust a value when the name of the field
 * holding it suggests what it is. Field names are split into lower-case words ({@code
 * createdAtMillis} is {@code created, at, millis}; {@code order_id} is {@code order, id}); an array
 * element counts as held by the field holding the array.
 */
public enum Detector {

  /**
   * Points in time. Anywhere: ISO-8601 date-times ({@code 2026-11-23T19:26:28Z}, with or without
   * fraction and offset) also inside longer strings, and whole RFC 1123 dates as in the HTTP {@code
   * Date} header. Plain dates ({@code 2026-11-23}) are kept, since birthdays and due dates are
   * data. Only when a word of the field name is one of {@code time, timestamp, ts, date, datetime,
   * instant, epoch, created, updated, modified, expires, expiry, expiration, issued, since, until,
   * iat, exp, nbf}, or its last word is {@code at}: numbers and digit strings that are Unix
   * seconds, milliseconds, microseconds or nanoseconds between the years 2000 and 2100.
   */
  TIMESTAMP("<timestamp>"),

  /** UUIDs ({@code 8-4-4-4-12} hex digits, any case), also inside longer strings such as paths. */
  UUID("<uuid>"),

  /**
   * Generated numeric ids. Only non-negative integers, or strings of up to 19 digits, held by a
   * field whose last word is {@code id} or {@code ids} ({@code id}, {@code orderId}, {@code
   * order_id}, {@code customerIds}) or by {@code generatedKeys} (SQL). Ids that are data, such as
   * the id of a product from fixed seed data, are replaced too; exempt them with {@link
   * NormalisationRule#keepPath} or {@link NormalisationRule#keepKey}. Textual ids other than UUIDs
   * are not recognised; add a rule for them.
   */
  ID("<id>"),

  /**
   * Durations. Anywhere: whole ISO-8601 duration strings ({@code PT0.25S}). Only when a word of the
   * field name is one of {@code duration, elapsed, latency, took, taken}, or the name has the word
   * {@code time} and ends with a unit ({@code ms, millis, micros, us, nanos, ns, seconds, secs}):
   * any number, and strings such as {@code 12ms} or {@code 1.5 s}.
   */
  DURATION("<duration>"),

  /**
   * Ports of the loopback interface. Anywhere, also inside URLs and {@code Host} headers: the port
   * after {@code 127.x.x.x}, {@code localhost} or {@code [::1]} ({@code http://127.0.0.1:41234/pay}
   * becomes {@code http://127.0.0.1:<port>/pay}). Services started for a scenario run, stubs and
   * test servers listen on whatever port is free there, so it differs between runs; ports of other
   * hosts are kept.
   */
  PORT("<port>");

  private final String placeholder;

  Detector(String placeholder) {
    this.placeholder = placeholder;
  }

  /**
   * The text that stands for a recognised value where it is compared.
   *
   * @return the placeholder, such as {@code "<uuid>"}
   */
  public String placeholder() {
    return placeholder;
  }

  /**
   * The name used in assets.
   *
   * @return the lower-case name, such as {@code uuid}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
