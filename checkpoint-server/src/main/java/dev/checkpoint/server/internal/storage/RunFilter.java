package dev.checkpoint.server.internal.storage;

/**
 * Filters for listing runs; null fields do not filter.
 *
 * @param nameContains case-insensitive substring of the run name
 * @param labelKey label that must equal {@code labelValue}
 */
public record RunFilter(String nameContains, String labelKey, String labelValue) {
  public static final RunFilter ALL = new RunFilter(null, null, null);
}
