package dev.checkpoint.core.export;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and timing of the export queue shared by every exporter. Built with {@link #builder()};
 * every value not set keeps its default, which is written here once.
 */
public final class ExportSettings {

  /** Checkpoints waiting for export at most, by default. */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;

  /** Estimated bytes waiting for export at most, by default: 16 MiB. */
  public static final long DEFAULT_MAX_QUEUE_BYTES = 16L << 20;

  /** Checkpoints per batch at most, by default. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 512;

  /** Estimated bytes per batch at most, by default: 4 MiB (the server takes up to 16 MiB). */
  public static final long DEFAULT_MAX_BATCH_BYTES = 4L << 20;

  /** How long a partial batch waits before it is sent, by default. */
  public static final Duration DEFAULT_EXPORT_INTERVAL = Duration.ofSeconds(1);

  /**
   * How long a batch is retried after its first failed attempt before it is dropped, by default:
   * long enough to ride out a restart of the checkpoint server.
   */
  public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(60);

  /** Wait after the first failed attempt, by default; it doubles after each further one. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

  /** Longest wait between attempts, also for a server's {@code Retry-After}, by default. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  /** How long one attempt may take, response body included, by default. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ExportSettings DEFAULTS = builder().build();

  private final int maxQueueSize;
  private final long maxQueueBytes;
  private final int maxBatchSize;
  private final long maxBatchBytes;
  private final Duration exportInterval;
  private final Duration retryWindow;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;

  private ExportSettings(Builder builder) {
    this.maxQueueSize = builder.maxQueueSize;
    this.maxQueueBytes = builder.maxQueueBytes;
    this.maxBatchSize = builder.maxBatchSize;
    this.maxBatchBytes = builder.maxBatchBytes;
    this.exportInterval = builder.exportInterval;
    this.retryWindow = builder.retryWindow;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.requestTimeout = builder.requestTimeout;
  }

  /**
   * The defaults: 2048 checkpoints or 16 MiB queued, batches of 512 or 4 MiB every second.
   *
   * @return the default settings
   */
  public static ExportSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checkpoints waiting at most; more are dropped and counted.
   *
   * @return the bound
   */
  public int maxQueueSize() {
    return maxQueueSize;
  }

  /**
   * Estimated bytes waiting at most; more are dropped and counted.
   *
   * @return the bound
   */
  public long maxQueueBytes() {
    return maxQueueBytes;
  }

  /**
   * Checkpoints per batch at most.
   *
   * @return the bound
   */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /**
   * Estimated bytes per batch at most.
   *
   * @return the bound
   */
  public long maxBatchBytes() {
    return maxBatchBytes;
  }

  /**
   * How long a partial batch waits before it is sent.
   *
   * @return the interval
   */
  public Duration exportInterval() {
    return exportInterval;
  }

  /**
   * How long a batch is retried after its first failed attempt; then it is dropped and counted.
   *
   * @return the window
   */
  public Duration retryWindow() {
    return retryWindow;
  }

  /**
   * Wait after the first failed attempt; doubles after each further one.
   *
   * @return the backoff
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * Longest wait between attempts. A server's {@code Retry-After} asking for longer is capped to
   * it, so that a misconfigured server cannot stall export.
   *
   * @return the backoff
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * How long one attempt may take in all: connecting, sending, and reading the response's headers
   * and body.
   *
   * @return the timeout
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Settings are equal when every value is. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ExportSettings that
        && maxQueueSize == that.maxQueueSize
        && maxQueueBytes == that.maxQueueBytes
        && maxBatchSize == that.maxBatchSize
        && maxBatchBytes == that.maxBatchBytes
        && exportInterval.equals(that.exportInterval)
        && retryWindow.equals(that.retryWindow)
        && initialBackoff.equals(that.initialBackoff)
        && maxBackoff.equals(that.maxBackoff)
        && requestTimeout.equals(that.requestTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxQueueSize,
        maxQueueBytes,
        maxBatchSize,
        maxBatchBytes,
        exportInterval,
        retryWindow,
        initialBackoff,
        maxBackoff,
        requestTimeout);
  }

  @Override
  public String toString() {
    return "ExportSettings[maxQueueSize="
        + maxQueueSize
        + ", maxQueueBytes="
        + maxQueueBytes
        + ", maxBatchSize="
        + maxBatchSize
        + ", maxBatchBytes="
        + maxBatchBytes
        + ", exportInterval="
        + exportInterval
        + ", retryWindow="
        + retryWindow
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  /** Builds {@link ExportSettings}; each value must be positive. */
  public static final class Builder {
    private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
    private long maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private Duration exportInterval = DEFAULT_EXPORT_INTERVAL;
    private Duration retryWindow = DEFAULT_RETRY_WINDOW;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    /**
     * Sets the checkpoints waiting at most.
     *
     * @param maxQueueSize positive
     * @return this builder
     */
    public Builder maxQueueSize(int maxQueueSize) {
      this.maxQueueSize = (int) positive(maxQueueSize, "maxQueueSize");
      return this;
    }

    /**
     * Sets the estimated bytes waiting at most.
     *
     * @param maxQueueBytes positive
     * @return this builder
     */
    public Builder maxQueueBytes(long maxQueueBytes) {
      this.maxQueueBytes = positive(maxQueueBytes, "maxQueueBytes");
      return this;
    }

    /**
     * Sets the checkpoints per batch at most.
     *
     * @param maxBatchSize positive
     * @return this builder
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = (int) positive(maxBatchSize, "maxBatchSize");
      return this;
    }

    /**
     * Sets the estimated bytes per batch at most.
     *
     * @param maxBatchBytes positive
     * @return this builder
     */
    public Builder maxBatchBytes(long maxBatchBytes) {
      this.maxBatchBytes = positive(maxBatchBytes, "maxBatchBytes");
      return this;
    }

    /**
     * Sets how long a partial batch waits before it is sent.
     *
     * @param exportInterval at least 1 ms
     * @return this builder
     */
    public Builder exportInterval(Duration exportInterval) {
      this.exportInterval = positive(exportInterval, "exportInterval");
      return this;
    }

    /**
     * Sets how long a batch is retried after its first failed attempt.
     *
     * @param retryWindow at least 1 ms
     * @return this builder
     */
    public Builder retryWindow(Duration retryWindow) {
      this.retryWindow = positive(retryWindow, "retryWindow");
      return this;
    }

    /**
     * Sets the wait after the first failed attempt.
     *
     * @param initialBackoff at least 1 ms
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest wait between attempts.
     *
     * @param maxBackoff at least 1 ms
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets how long one attempt may take in all, response body included.
     *
     * @param requestTimeout at least 1 ms
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public ExportSettings build() {
      return new ExportSettings(this);
    }

    private static long positive(long value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      positive(Objects.requireNonNull(value, name).toMillis(), name);
      return value;
    }
  }
}
