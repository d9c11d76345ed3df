package dev.checkpoint.server.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;

/** PostgreSQL: one pool for reads and writes; several servers may share the database. */
final class PostgresDialect implements Dialect {

  @Override
  public String newestFirst() {
    // An incremental sort over the start_nanos index: only checkpoints of the same start are
    // sorted by trace and id.
    return "c.start_nanos DESC, c.trace_id, c.id";
  }

  @Override
  public boolean searchesInWindows() {
    // For a word in a third of all checkpoints the planner takes the trigram index's bitmap,
    // fetches every match and sorts them for the first page (16 to 20 s among a million).
    return true;
  }

  @Override
  public boolean singleWriter() {
    return false;
  }

  @Override
  public String migrations() {
    return "classpath:db/postgresql";
  }

  @Override
  public Pools openPools(StorageSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("checkpoint-postgresql");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    if (settings.schema() != null) {
      config.setSchema(settings.schema());
    }
    HikariDataSource pool = new HikariDataSource(config);
    return new Pools(pool, pool);
  }

  @Override
  public boolean defersSearchIndex() {
    return true;
  }

  @Override
  public void appendTextPredicate(StringBuilder sql, List<Object> parameters, String text) {
    // The same expression as the partial trigram index, and one arm per side of its predicate,
    // so that the index serves the indexed rows and checkpoints_unindexed finds the others.
    String payload =
        "(coalesce(c.input, '') || E'\\n' || coalesce(c.output, '') || E'\\n'"
            + " || coalesce(c.error, ''))";
    sql.append(" AND ((c.indexed AND ")
        .append(payload)
        .append(" ILIKE ? ESCAPE '\\') OR (NOT c.indexed AND ")
        .append(payload)
        .append(" ILIKE ? ESCAPE '\\'))");
    String pattern = '%' + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '%';
    parameters.add(pattern);
    parameters.add(pattern);
  }

  @Override
  public void appendLabelPredicate(
      StringBuilder sql, List<Object> parameters, String key, String value) {
    sql.append(" AND (r.labels::jsonb ->> ?) = ?");
    parameters.add(key);
    parameters.add(value);
  }
}
