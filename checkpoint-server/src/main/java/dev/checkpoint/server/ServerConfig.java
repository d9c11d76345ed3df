package dev.checkpoint.server;

import dev.checkpoint.assets.CheckpointTrees;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link CheckpointServer} runs. Built with {@link #builder()}; every setting has a default,
 * so {@code ServerConfig.builder().build()} is a server on port 7070 with an embedded SQLite
 * database under {@code ./checkpoint-data/}, open to local clients only.
 */
public final class ServerConfig {
  /** Port of the HTTP API. */
  public static final int DEFAULT_PORT = 7070;

  /** An embedded SQLite database file in the working directory. */
  public static final String DEFAULT_DB_URL = "jdbc:sqlite:checkpoint-data/checkpoint.db";

  /** Largest request body, compressed or not: 16 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  /** Largest decompressed gzip body: 64 MiB, so that a small gzip bomb cannot fill the heap. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;

  /** Deepest tree read nested or as assets: call chains of real services stay far below. */
  public static final int DEFAULT_MAX_TREE_DEPTH = 256;

  /** Most checkpoints of one tree read with their payloads at once. */
  public static final int DEFAULT_MAX_TREE_CHECKPOINTS = 20_000;

  /** Most payload bytes of one tree read at once: 32 MiB. */
  public static final long DEFAULT_MAX_TREE_BYTES = 32L * 1024 * 1024;

  /** The deepest a tree may be, at ingestion (within a batch) and when read; at most 1000. */
  static final int MAX_TREE_DEPTH_LIMIT = CheckpointTrees.MAX_DEPTH;

  private final int port;
  private final String host;
  private final String dbUrl;
  private final String dbUser;
  private final String dbPassword;
  private final String dbSchema;
  private final int dbPoolSize;
  private final String sqliteSynchronous;
  private final Set<String> ingestTokens;
  private final Set<String> readTokens;
  private final Set<String> allowedHosts;
  private final long maxBodyBytes;
  private final long maxDecompressedBytes;
  private final int maxTreeDepth;
  private final int maxTreeCheckpoints;
  private final long maxTreeBytes;
  private final double ingestRatePerSecond;
  private final int retentionDays;
  private final Duration shutdownTimeout;

  private ServerConfig(Builder builder) {
    port = builder.port;
    host = builder.host;
    dbUrl = builder.dbUrl;
    dbUser = builder.dbUser;
    dbPassword = builder.dbPassword;
    dbSchema = builder.dbSchema;
    dbPoolSize = builder.dbPoolSize;
    sqliteSynchronous = builder.sqliteSynchronous;
    ingestTokens = Set.copyOf(builder.ingestTokens);
    readTokens = Set.copyOf(builder.readTokens);
    allowedHosts = Set.copyOf(builder.allowedHosts);
    maxBodyBytes = builder.maxBodyBytes;
    maxDecompressedBytes = builder.maxDecompressedBytes;
    maxTreeDepth = builder.maxTreeDepth;
    maxTreeCheckpoints = builder.maxTreeCheckpoints;
    maxTreeBytes = builder.maxTreeBytes;
    ingestRatePerSecond = builder.ingestRatePerSecond;
    retentionDays = builder.retentionDays;
    shutdownTimeout = builder.shutdownTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Port to listen on; 0 picks a free one (see {@link CheckpointServer#port()}). */
  public int port() {
    return port;
  }

  /**
   * Address to bind; null means 127.0.0.1 when no tokens are configured (an open server must not be
   * reachable from other machines) and all interfaces otherwise.
   */
  public String host() {
    return host;
  }

  public String dbUrl() {
    return dbUrl;
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }

  /** PostgreSQL schema to create and use; null for the user's default. */
  public String dbSchema() {
    return dbSchema;
  }

  public int dbPoolSize() {
    return dbPoolSize;
  }

  /** SQLite {@code PRAGMA synchronous}: NORMAL survives a killed server, FULL a power loss too. */
  public String sqliteSynchronous() {
    return sqliteSynchronous;
  }

  /** Bearer tokens that may write: post checkpoints, create, close and delete runs. */
  public Set<String> ingestTokens() {
    return ingestTokens;
  }

  /** Bearer tokens that may query. */
  public Set<String> readTokens() {
    return readTokens;
  }

  /**
   * Names clients may reach this server under (the Host header), against DNS rebinding; empty for
   * the default: loopback names when listening on a loopback address, any name otherwise.
   */
  public Set<String> allowedHosts() {
    return allowedHosts;
  }

  /** Whether any token is configured; without tokens the API is open. */
  public boolean authEnabled() {
    return !ingestTokens.isEmpty() || !readTokens.isEmpty();
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public long maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  /** Deepest parent chain a batch may bring, and the deepest tree read nested or as assets. */
  public int maxTreeDepth() {
    return maxTreeDepth;
  }

  /** Most checkpoints of one tree read with their payloads at once. */
  public int maxTreeCheckpoints() {
    return maxTreeCheckpoints;
  }

  /** Most payload bytes of one tree read at once. */
  public long maxTreeBytes() {
    return maxTreeBytes;
  }

  /** Batches per second each client may post; 0 means unlimited. */
  public double ingestRatePerSecond() {
    return ingestRatePerSecond;
  }

  /** Runs older than this many days are deleted; 0 keeps everything. */
  public int retentionDays() {
    return retentionDays;
  }

  /** How long {@link CheckpointServer#close()} waits for requests in flight. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Builds a {@link ServerConfig}; every setter checks its argument at once. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String host;
    private String dbUrl = DEFAULT_DB_URL;
    private String dbUser;
    private String dbPassword;
    private String dbSchema;
    private int dbPoolSize = 8;
    private String sqliteSynchronous = "NORMAL";
    private Set<String> ingestTokens = Set.of();
    private Set<String> readTokens = Set.of();
    private Set<String> allowedHosts = Set.of();
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private long maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;
    private int maxTreeDepth = DEFAULT_MAX_TREE_DEPTH;
    private int maxTreeCheckpoints = DEFAULT_MAX_TREE_CHECKPOINTS;
    private long maxTreeBytes = DEFAULT_MAX_TREE_BYTES;
    private double ingestRatePerSecond;
    private int retentionDays;
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder() {}

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder dbUrl(String dbUrl) {
      this.dbUrl = Objects.requireNonNull(dbUrl, "dbUrl");
      return this;
    }

    public Builder dbUser(String dbUser) {
      this.dbUser = dbUser;
      return this;
    }

    public Builder dbPassword(String dbPassword) {
      this.dbPassword = dbPassword;
      return this;
    }

    public Builder dbSchema(String dbSchema) {
      this.dbSchema = dbSchema;
      return this;
    }

    public Builder dbPoolSize(int dbPoolSize) {
      this.dbPoolSize = positive("dbPoolSize", dbPoolSize);
      return this;
    }

    public Builder sqliteSynchronous(String sqliteSynchronous) {
      if (!Set.of("OFF", "NORMAL", "FULL", "EXTRA").contains(sqliteSynchronous)) {
        throw new IllegalArgumentException(
            "sqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, got " + sqliteSynchronous);
      }
      this.sqliteSynchronous = sqliteSynchronous;
      return this;
    }

    public Builder ingestTokens(Set<String> ingestTokens) {
      this.ingestTokens = Set.copyOf(ingestTokens);
      return this;
    }

    public Builder readTokens(Set<String> readTokens) {
      this.readTokens = Set.copyOf(readTokens);
      return this;
    }

    public Builder allowedHosts(Set<String> allowedHosts) {
      this.allowedHosts = Set.copyOf(allowedHosts);
      return this;
    }

    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = positive("maxBodyBytes", maxBodyBytes);
      return this;
    }

    public Builder maxDecompressedBytes(long maxDecompressedBytes) {
      this.maxDecompressedBytes = positive("maxDecompressedBytes", maxDecompressedBytes);
      return this;
    }

    public Builder maxTreeDepth(int maxTreeDepth) {
      if (maxTreeDepth < 1 || maxTreeDepth > MAX_TREE_DEPTH_LIMIT) {
        throw new IllegalArgumentException(
            "maxTreeDepth must be 1 to " + MAX_TREE_DEPTH_LIMIT + ", got " + maxTreeDepth);
      }
      this.maxTreeDepth = maxTreeDepth;
      return this;
    }

    public Builder maxTreeCheckpoints(int maxTreeCheckpoints) {
      this.maxTreeCheckpoints = positive("maxTreeCheckpoints", maxTreeCheckpoints);
      return this;
    }

    public Builder maxTreeBytes(long maxTreeBytes) {
      this.maxTreeBytes = positive("maxTreeBytes", maxTreeBytes);
      return this;
    }

    public Builder ingestRatePerSecond(double ingestRatePerSecond) {
      if (ingestRatePerSecond < 0) {
        throw new IllegalArgumentException(
            "ingestRatePerSecond must be 0 (unlimited) or more, got " + ingestRatePerSecond);
      }
      this.ingestRatePerSecond = ingestRatePerSecond;
      return this;
    }

    public Builder retentionDays(int retentionDays) {
      if (retentionDays < 0) {
        throw new IllegalArgumentException(
            "retentionDays must be 0 (keep everything) or more, got " + retentionDays);
      }
      this.retentionDays = retentionDays;
      return this;
    }

    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(this);
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static long positive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
