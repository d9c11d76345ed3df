package dev.checkpoint.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The JDBC instrumentation's contract, run against every database: what a SQL checkpoint records,
 * when it ends, and that the application sees exactly what the driver does. Each database's test
 * provides a fresh place to create tables and a few dialect facts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcInstrumentationTestKit {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TABLES = new AtomicInteger();

  private final List<String> createdTables = new ArrayList<>();
  private DataSource raw;
  private InMemoryExporter exporter;

  /** Connects to the database, creating a fresh schema or file; skips or fails when it cannot. */
  abstract DataSource openDatabase() throws Exception;

  /** Drops what {@link #openDatabase()} created. */
  abstract void closeDatabase(List<String> tables) throws Exception;

  /** A table name unique within the database for this test class. */
  abstract String uniqueTableName(String base);

  /** The column definition of an auto-generated integer primary key named {@code id}. */
  abstract String generatedIdColumn();

  /** The driver's connection class or interface, to check that {@code unwrap} reaches it. */
  abstract Class<?> vendorConnectionType();

  /** The SQLState the driver reports for a missing table, {@code null} when it reports none. */
  abstract String missingTableSqlState();

  /**
   * Creates a function returning its text argument in upper case.
   *
   * @return the JDBC escape call {@code {? = call name(?)}}, or {@code null} when the database has
   *     no stored functions
   */
  abstract String createUpperCaseFunction(Connection connection) throws SQLException;

  @BeforeAll
  void connect() throws Exception {
    raw = openDatabase();
  }

  @AfterAll
  void disconnect() throws Exception {
    if (raw != null) {
      closeDatabase(createdTables);
    }
  }

  @BeforeEach
  void newExporter() {
    exporter = InMemoryExporter.create();
  }

  private CheckpointRecorder recorder(RecordingMode mode) {
    return recorder(mode, 100);
  }

  private CheckpointRecorder recorder(RecordingMode mode, int maxRows) {
    return CheckpointRecorder.builder()
        .service("jdbc-test")
        .mode(mode)
        .maxRows(maxRows)
        .exporter(exporter)
        .build();
  }

  private DataSource recording() {
    return CheckpointDataSource.wrap(raw, recorder(RecordingMode.ON));
  }

  /** Creates {@code products(id, name, price, active, created, note)} with {@code rows} rows. */
  private String products(int rows) throws SQLException {
    String table = table("products");
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2),"
              + " active BOOLEAN, created DATE, note VARCHAR(40))");
      for (int i = 1; i <= rows; i++) {
        statement.executeUpdate(
            "INSERT INTO "
                + table
                + " (id, name, price, active, created, note) VALUES ("
                + i
                + ", 'product-"
                + i
                + "', "
                + i
                + "2.50, TRUE, '2026-11-2"
                + i % 10
                + "', NULL)");
      }
    }
    return table;
  }

  private String table(String base) {
    String table = uniqueTableName(base + "_" + TABLES.incrementAndGet());
    createdTables.add(table);
    return table;
  }

  private List<CheckpointData> sql() {
    return exporter.checkpoints().stream().filter(c -> c.kind() == Kind.SQL).toList();
  }

  private CheckpointData onlySql() {
    assertThat(sql()).hasSize(1);
    return sql().get(0);
  }

  private static JsonNode json(Object payload) throws Exception {
    return JSON.readTree(payload.toString());
  }

  /** A transaction with generated keys, a batch and a read after the writes. */
  private static List<Object> orderWork(DataSource dataSource, String table) throws Exception {
    List<Object> seen = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO " + table + " (name, qty) VALUES (?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, "book");
        insert.setInt(2, 2);
        seen.add(insert.executeUpdate());
        try (ResultSet keys = insert.getGeneratedKeys()) {
          seen.add(keys.next());
          seen.add(keys.getLong(1));
        }
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE " + table + " SET qty = qty + ? WHERE name = ?")) {
        update.setInt(1, 1);
        update.setString(2, "book");
        update.addBatch();
        update.setInt(1, 10);
        update.setString(2, "mug");
        update.addBatch();
        for (int count : update.executeBatch()) {
          seen.add(count);
        }
      }
      connection.commit();
      try (PreparedStatement select =
          connection.prepareStatement("SELECT name, qty FROM " + table + " WHERE name = ?")) {
        select.setString(1, "book");
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            seen.add(rows.getString("name"));
            seen.add(rows.getInt("qty"));
            seen.add(rows.getObject(2).getClass().getSimpleName());
          }
        }
      }
    }
    return seen;
  }

  @Test
  void inReplayStatementsAreAnsweredFromTheRecordingWithoutTouchingTheDatabase(@TempDir Path dir)
      throws Exception {
    String table = table("replayed");
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " ("
              + generatedIdColumn()
              + ", name VARCHAR(40) NOT NULL, qty INTEGER NOT NULL)");
    }
    List<List<Object>> recorded = new ArrayList<>();
    String key =
        ReplayRecordings.record(
            recorder(RecordingMode.ON),
            exporter,
            dir,
            () -> recorded.add(orderWork(recording(), table)));
    List<CheckpointData> recordedSql = sql();
    InMemoryExporter replayedExporter = InMemoryExporter.create();
    CheckpointRecorder replayer =
        ReplayRecordings.replayer(
            PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES),
            replayedExporter,
            dir);
    DataSource untouchable =
        CheckpointDataSource.wrap(
            new SQLiteDataSource() {
              @Override
              public Connection getConnection() throws SQLException {
                throw new SQLException("the database was touched in replay");
              }
            },
            replayer);
    List<List<Object>> replayed = new ArrayList<>();
    ReplayRecordings.replay(replayer, key, () -> replayed.add(orderWork(untouchable, table)));

    assertThat(replayed).isEqualTo(recorded);
    List<CheckpointData> replayedSql =
        replayedExporter.checkpoints().stream().filter(c -> c.kind() == Kind.SQL).toList();
    assertThat(replayedSql).hasSameSizeAs(recordedSql);
    for (int i = 0; i < recordedSql.size(); i++) {
      assertThat(replayedSql.get(i).error()).isNull();
      assertThat(json(replayedSql.get(i).input())).isEqualTo(json(recordedSql.get(i).input()));
      assertThat(json(replayedSql.get(i).output())).isEqualTo(json(recordedSql.get(i).output()));
      assertThat(json(replayedSql.get(i).attributes()))
          .isEqualTo(json(recordedSql.get(i).attributes()));
    }
  }

  @Test
  void selectRecordsTheRowsTheApplicationReadWithTheirValuesNullsAndTypes() throws Exception {
    String table = products(2);
    List<String> names = new ArrayList<>();
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, name, price, active, created, note FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        names.add(rows.getString("name"));
        assertThat(rows.getString("note")).isNull();
        assertThat(rows.wasNull()).isTrue();
      }
    }

    assertThat(names).containsExactly("product-1", "product-2");
    CheckpointData checkpoint = onlySql();
    assertThat(checkpoint.name()).isEqualTo("SELECT " + table);
    assertThat(json(checkpoint.input()).get("statement").asText()).startsWith("SELECT id, name");
    JsonNode rows = json(checkpoint.output()).get("rows");
    assertThat(rows).hasSize(2);
    JsonNode first = rows.get(0);
    assertThat(first.get("id").asInt()).isEqualTo(1);
    assertThat(first.get("name").asText()).isEqualTo("product-1");
    assertThat(first.get("price").decimalValue()).isEqualByComparingTo(new BigDecimal("12.50"));
    assertThat(first.get("active").asBoolean()).isTrue();
    assertThat(first.get("created").asText()).startsWith("2026-11-21");
    assertThat(first.get("note").isNull()).isTrue();
    assertThat(checkpoint.error()).isNull();
    assertThat(checkpoint.truncated()).isEmpty();
  }

  @Test
  void columnsAreRecordedInSelectListOrderWithLabelKeyAndTypesAndTheDatabaseIsNamed()
      throws Exception {
    String table = products(1);
    String query =
        "SELECT p.name, p.id, q.id, p.price FROM "
            + table
            + " p JOIN "
            + table
            + " q ON q.id = p.id WHERE p.id = ?";
    List<String> driverTypes = new ArrayList<>();
    String database;
    try (Connection connection = raw.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      DatabaseMetaData metaData = connection.getMetaData();
      database =
          metaData.getDatabaseProductName()
              + " "
              + metaData.getDatabaseMajorVersion()
              + "."
              + metaData.getDatabaseMinorVersion();
      statement.setInt(1, 0);
      try (ResultSet rows = statement.executeQuery()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          driverTypes.add(
              rows.getMetaData().getColumnTypeName(i) + "/" + rows.getMetaData().getColumnType(i));
        }
      }
    }
    for (int id : new int[] {1, 0}) {
      try (Connection connection = recording().getConnection();
          PreparedStatement statement = connection.prepareStatement(query)) {
        statement.setInt(1, id);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            rows.getString(1);
          }
        }
      }
    }

    List<CheckpointData> recorded = sql();
    assertThat(recorded).hasSize(2);
    for (CheckpointData checkpoint : recorded) {
      JsonNode columns = json(checkpoint.output()).get("columns");
      List<String> described = new ArrayList<>();
      List<String> types = new ArrayList<>();
      columns.forEach(
          column -> {
            described.add(
                column.get("label").asText().toLowerCase(Locale.ROOT)
                    + " as "
                    + column.get("key").asText().toLowerCase(Locale.ROOT));
            types.add(column.get("type").asText() + "/" + column.get("jdbcType").asInt());
          });
      assertThat(described)
          .as("also for a result without rows")
          .containsExactly("name as name", "id as id", "id as id#3", "price as price");
      assertThat(types).isEqualTo(driverTypes);
      JsonNode attributes = json(checkpoint.attributes());
      assertThat(
              attributes.get("db.product.name").asText()
                  + " "
                  + attributes.get("db.product.version").asText())
          .as("the database, for a replay to name to an ORM")
          .isEqualTo(database);
    }
    JsonNode row = json(recorded.get(0).output()).get("rows").get(0);
    List<String> keys = new ArrayList<>();
    row.fieldNames().forEachRemaining(key -> keys.add(key.toLowerCase(Locale.ROOT)));
    assertThat(keys).containsExactly("name", "id", "id#3", "price");
    assertThat(json(recorded.get(1).output()).get("rows")).isEmpty();
  }

  @Test
  void theSameStatementTextIsDescribedAnewWhenItsResultChangesShape() throws Exception {
    String table = products(1);
    String query = "SELECT * FROM " + table;
    readAll(recording(), table);
    readAll(recording(), table);
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE " + table + " ADD extra INTEGER");
      statement.executeUpdate("UPDATE " + table + " SET extra = 7");
    }
    readAll(recording(), table);

    List<List<String>> described = new ArrayList<>();
    List<List<String>> rowKeys = new ArrayList<>();
    for (CheckpointData checkpoint : sql()) {
      assertThat(json(checkpoint.input()).get("statement").asText()).isEqualTo(query);
      JsonNode output = json(checkpoint.output());
      List<String> labels = new ArrayList<>();
      output
          .get("columns")
          .forEach(c -> labels.add(c.get("key").asText().toLowerCase(Locale.ROOT)));
      described.add(labels);
      List<String> keys = new ArrayList<>();
      output
          .get("rows")
          .get(0)
          .fieldNames()
          .forEachRemaining(key -> keys.add(key.toLowerCase(Locale.ROOT)));
      rowKeys.add(keys);
    }
    List<String> before = List.of("id", "name", "price", "active", "created", "note");
    List<String> after = List.of("id", "name", "price", "active", "created", "note", "extra");
    assertThat(described).containsExactly(before, before, after);
    assertThat(rowKeys).containsExactly(before, before, after);
  }

  @Test
  void rowsBeyondTheLimitAreNotRecordedButMarkedTruncated() throws Exception {
    String table = products(5);
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder(RecordingMode.ON, 3));
    int read = 0;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        read++;
      }
    }

    assertThat(read).isEqualTo(5);
    CheckpointData checkpoint = onlySql();
    assertThat(json(checkpoint.output()).get("rows")).hasSize(3);
    assertThat(checkpoint.truncated()).containsExactly("output.rows");
  }

  @Test
  void preparedStatementRecordsBindValuesByIndex() throws Exception {
    String table = products(3);
    try (Connection connection = recording().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT name FROM " + table + " WHERE name <> ? AND id >= ? ORDER BY id")) {
      statement.setString(1, "product-2");
      statement.setInt(2, 1);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
      }
    }

    CheckpointData checkpoint = onlySql();
    JsonNode input = json(checkpoint.input());
    assertThat(input.get("parameters").toString()).isEqualTo("{\"1\":\"product-2\",\"2\":1}");
    assertThat(json(checkpoint.output()).get("rows"))
        .as("only the row the application moved onto")
        .hasSize(1);
  }

  @Test
  void literalsOfSecretColumnsInStatementTextAreRecordedRedacted() throws Exception {
    String table = table("logins");
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id INTEGER PRIMARY KEY, name VARCHAR(40), pwd VARCHAR(40), note VARCHAR(80))");
    }
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO "
              + table
              + " (id, name, pwd, note) VALUES (1, 'alice', 'hunter2', 'card 4111 1111 1111 1111')");
      statement.executeUpdate("UPDATE " + table + " SET pwd = 'it''s-sw0rd' WHERE name = 'alice'");
      statement.addBatch(
          "INSERT INTO " + table + " (id, name, pwd, note) VALUES (2, 'bob', 'b0bpass', 'x')");
      statement.addBatch("UPDATE " + table + " SET note = 'y' WHERE pwd = 'b0bpass'");
      statement.executeBatch();
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT name FROM " + table + " WHERE pwd = 'it''s-sw0rd' AND id = ?")) {
        select.setInt(1, 1);
        try (ResultSet rows = select.executeQuery()) {
          assertThat(rows.next()).as("the database got the real literal").isTrue();
        }
      }
    }

    List<CheckpointData> recorded = sql();
    assertThat(recorded).hasSize(4);
    assertThat(json(recorded.get(0).input()).get("statement").asText())
        .contains("'alice', '[REDACTED]', 'card [REDACTED]'");
    assertThat(json(recorded.get(1).input()).get("statement").asText())
        .contains("SET pwd = '[REDACTED]' WHERE name = 'alice'");
    assertThat(recorded.get(0).redacted()).containsExactly("input.statement");
    assertThat(recorded.get(2).redacted()).containsExactly("input.batch[0]", "input.batch[1]");
    assertThat(recorded.get(3).redacted()).containsExactly("input.statement");
    assertThat(recorded)
        .allSatisfy(
            checkpoint ->
                assertThat(checkpoint.input() + " " + checkpoint.output())
                    .doesNotContain("hunter2", "sw0rd", "b0bpass", "4111"));
  }

  @Test
  void bindValuesOfSecretColumnsAreRecordedRedacted() throws Exception {
    String table = table("users");
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id INTEGER PRIMARY KEY, name VARCHAR(40), password VARCHAR(40),"
              + " api_token VARCHAR(40))");
    }
    try (Connection connection = recording().getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO " + table + " (id, name, password, api_token) VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setString(2, "alice");
        insert.setString(3, "hunter2");
        insert.setString(4, "tok-1");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        insert.setInt(1, 2);
        insert.setString(2, "bob");
        insert.setString(3, "swordfish");
        insert.setNull(4, Types.VARCHAR);
        insert.addBatch();
        insert.executeBatch();
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE " + table + " SET password = ? WHERE name = ?")) {
        update.setString(1, "hunter3");
        update.setString(2, "alice");
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT name, password FROM " + table + " WHERE api_token = ? AND id = ?")) {
        select.setString(1, "tok-1");
        select.setInt(2, 1);
        try (ResultSet rows = select.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString("password")).as("the application sees it").isEqualTo("hunter3");
        }
      }
    }

    List<CheckpointData> recorded = sql();
    assertThat(recorded).hasSize(4);
    assertThat(json(recorded.get(0).input()).get("parameters").toString())
        .isEqualTo("{\"1\":1,\"2\":\"alice\",\"3\":\"[REDACTED]\",\"4\":\"[REDACTED]\"}");
    assertThat(json(recorded.get(1).input()).get("batch").get(0).toString())
        .isEqualTo("{\"1\":2,\"2\":\"bob\",\"3\":\"[REDACTED]\",\"4\":\"[REDACTED]\"}");
    assertThat(json(recorded.get(2).input()).get("parameters").toString())
        .isEqualTo("{\"1\":\"[REDACTED]\",\"2\":\"alice\"}");
    assertThat(json(recorded.get(3).input()).get("parameters").toString())
        .isEqualTo("{\"1\":\"[REDACTED]\",\"2\":1}");
    assertThat(recorded.get(0).redacted())
        .containsExactly("input.parameters.3", "input.parameters.4");
    assertThat(recorded.get(1).redacted()).containsExactly("input.batch[0].3", "input.batch[0].4");
    assertThat(recorded)
        .allSatisfy(
            checkpoint ->
                assertThat(checkpoint.input() + " " + checkpoint.output())
                    .doesNotContain("hunter", "swordfish", "tok-1"));
  }

  @Test
  void batchesRecordEachParameterSetOrStatementAndTheUpdateCounts() throws Exception {
    String table = products(0);
    int[] preparedCounts;
    int[] plainCounts;
    try (Connection connection = recording().getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          insert.setInt(1, i);
          insert.setString(2, "batched-" + i);
          insert.addBatch();
        }
        preparedCounts = insert.executeBatch();
      }
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("UPDATE " + table + " SET note = 'a' WHERE id = 1");
        statement.addBatch("DELETE FROM " + table + " WHERE id = 2");
        plainCounts = statement.executeBatch();
      }
    }

    List<CheckpointData> recorded = sql();
    assertThat(recorded).hasSize(2);
    JsonNode prepared = json(recorded.get(0).input());
    assertThat(recorded.get(0).name()).isEqualTo("INSERT " + table);
    assertThat(prepared.get("batch")).hasSize(3);
    assertThat(prepared.get("batch").get(2).toString()).isEqualTo("{\"1\":3,\"2\":\"batched-3\"}");
    assertThat(json(recorded.get(0).output()).get("updateCount").toString())
        .isEqualTo(JSON.writeValueAsString(preparedCounts));
    JsonNode plain = json(recorded.get(1).input());
    assertThat(recorded.get(1).name()).isEqualTo("UPDATE " + table);
    assertThat(plain.get("batch").get(1).asText())
        .isEqualTo("DELETE FROM " + table + " WHERE id = 2");
    assertThat(json(recorded.get(1).output()).get("updateCount").toString())
        .isEqualTo(JSON.writeValueAsString(plainCounts));
  }

  @Test
  void updateCountIsRecordedAndTheCheckpointEndsWhenTheCallReturns() throws Exception {
    String table = products(3);
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement()) {
      int updated = statement.executeUpdate("UPDATE " + table + " SET note = 'x' WHERE id < 3");
      assertThat(updated).isEqualTo(2);
      assertThat(sql()).as("ended before the statement closes").hasSize(1);
    }

    CheckpointData checkpoint = onlySql();
    assertThat(checkpoint.name()).isEqualTo("UPDATE " + table);
    assertThat(checkpoint.output().json()).isEqualTo("{\"updateCount\":2}");
  }

  @Test
  void callableStatementRecordsItsBindValuesAndKeepsOutParameters() throws Exception {
    String call;
    try (Connection connection = raw.getConnection()) {
      call = createUpperCaseFunction(connection);
    }
    assumeTrue(call != null, "this database has no stored functions");
    try (Connection connection = recording().getConnection();
        CallableStatement statement = connection.prepareCall(call)) {
      assertThat(statement.getConnection()).isSameAs(connection);
      statement.registerOutParameter(1, Types.VARCHAR);
      statement.setString(2, "parcel");
      statement.execute();
      assertThat(statement.getString(1)).isEqualTo("PARCEL");
    }

    CheckpointData checkpoint = onlySql();
    assertThat(checkpoint.name()).startsWith("CALL ");
    assertThat(json(checkpoint.input()).get("parameters").toString())
        .isEqualTo("{\"2\":\"parcel\"}");
    assertThat(checkpoint.error()).isNull();
  }

  @Test
  void executeRecordsTheResultTheApplicationFetches() throws Exception {
    String table = products(2);
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(statement.execute("SELECT name FROM " + table + " ORDER BY id")).isTrue();
      try (ResultSet rows = statement.getResultSet()) {
        while (rows.next()) {
          rows.getString(1);
        }
      }
      assertThat(statement.execute("DELETE FROM " + table + " WHERE id = 1")).isFalse();
      assertThat(statement.getUpdateCount()).isEqualTo(1);
      assertThat(sql()).as("ended once the update count was read").hasSize(2);
    }

    List<CheckpointData> recorded = sql();
    assertThat(json(recorded.get(0).output()).get("rows").toString())
        .isEqualTo("[{\"name\":\"product-1\"},{\"name\":\"product-2\"}]");
    assertThat(recorded.get(1).output().json()).isEqualTo("{\"updateCount\":1}");
  }

  @Test
  void generatedKeysAreRecordedAsTheApplicationReadsThem() throws Exception {
    String table = table("orders");
    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE " + table + " (" + generatedIdColumn() + ", item VARCHAR(20))");
    }
    long id;
    try (Connection connection = recording().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO " + table + " (item) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, "book");
      assertThat(insert.executeUpdate()).isEqualTo(1);
      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        id = keys.getLong(1);
      }
    }

    CheckpointData checkpoint = onlySql();
    JsonNode output = json(checkpoint.output());
    assertThat(output.get("updateCount").asInt()).isEqualTo(1);
    assertThat(output.get("generatedKeys")).hasSize(1);
    List<String> keyColumns = new ArrayList<>();
    output.get("generatedKeyColumns").forEach(column -> keyColumns.add(column.get("key").asText()));
    List<String> rowKeys = new ArrayList<>();
    output.get("generatedKeys").get(0).fieldNames().forEachRemaining(rowKeys::add);
    assertThat(keyColumns).isNotEmpty().isEqualTo(rowKeys);
    List<Long> values = new ArrayList<>();
    output.get("generatedKeys").get(0).elements().forEachRemaining(v -> values.add(v.asLong()));
    assertThat(values).contains(id);
  }

  @Test
  void errorsAreRecordedWithSqlStateAndVendorCodeAndReachTheApplicationUnchanged()
      throws Exception {
    SQLException seen;
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement()) {
      seen =
          catchThrowableOfType(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table_here"));
    }

    assertThat((Throwable) seen).isNotNull();
    assertThat(seen.getSQLState()).isEqualTo(missingTableSqlState());
    CheckpointData checkpoint = onlySql();
    assertThat(checkpoint.name()).isEqualTo("SELECT no_such_table_here");
    assertThat(checkpoint.error().type()).isEqualTo(seen.getClass().getName());
    assertThat(checkpoint.error().message()).isEqualTo(seen.getMessage());
    JsonNode attributes = json(checkpoint.attributes());
    assertThat(attributes.get("sql.vendorCode").asInt()).isEqualTo(seen.getErrorCode());
    if (seen.getSQLState() == null) {
      assertThat(attributes.get("sql.state").isNull()).isTrue();
    } else {
      assertThat(attributes.get("sql.state").asText()).isEqualTo(seen.getSQLState());
    }
  }

  @Test
  void transactionsCommitAndRollBackAsWithoutTheWrapper() throws Exception {
    String table = products(0);
    try (Connection connection = recording().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'kept')");
        connection.commit();
        statement.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (2, 'undone')");
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }

    try (Connection connection = raw.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM " + table)) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("kept");
      assertThat(rows.next()).isFalse();
    }
    assertThat(sql()).hasSize(2).allSatisfy(c -> assertThat(c.error()).isNull());
  }

  @Test
  void wrappersUnwrapToTheDriverAndLeadBackToEachOther() throws Exception {
    String table = products(1);
    DataSource dataSource = recording();
    assertThat(dataSource.isWrapperFor(raw.getClass())).isTrue();
    assertThat(dataSource.unwrap(raw.getClass())).isSameAs(raw);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.isWrapperFor(vendorConnectionType())).isTrue();
      assertThat(connection.unwrap(vendorConnectionType())).isInstanceOf(vendorConnectionType());
      assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
      assertThat(connection).isEqualTo(connection).hasSameHashCodeAs(connection);
      DatabaseMetaData metaData = connection.getMetaData();
      assertThat(metaData.getConnection()).isSameAs(connection);
      assertThat(metaData.getDatabaseProductName()).isNotBlank();
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ?")) {
        assertThat(statement.getConnection()).isSameAs(connection);
        statement.setInt(1, 1);
        try (ResultSet rows = statement.executeQuery()) {
          assertThat(rows.getStatement()).isSameAs(statement);
          assertThat(rows.getMetaData().getColumnCount()).isEqualTo(1);
          assertThat(rows.unwrap(ResultSet.class)).isSameAs(rows);
        }
      }
    }
  }

  @Test
  void queryCheckpointStaysOpenUntilTheStatementOrConnectionMovesOn() throws Exception {
    String table = products(3);
    Connection connection = recording().getConnection();
    Statement statement = connection.createStatement();
    ResultSet first = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id");
    assertThat(first.next()).isTrue();
    assertThat(sql()).as("open while its rows may still be read").isEmpty();

    ResultSet second = statement.executeQuery("SELECT name FROM " + table + " WHERE id = 3");
    assertThat(sql()).as("the next execute ends the previous one").hasSize(1);
    assertThat(json(sql().get(0).output()).get("rows")).hasSize(1);

    assertThat(second.next()).isTrue();
    connection.close();
    assertThat(sql()).as("closing the connection ends the open one").hasSize(2);
    assertThat(json(sql().get(1).output()).get("rows").get(0).get("name").asText())
        .isEqualTo("product-3");
  }

  @Test
  void hikariBehindTheWrapper() throws Exception {
    String table = products(2);
    try (HikariDataSource pool = pool(raw)) {
      DataSource dataSource = CheckpointDataSource.wrap(pool, recorder(RecordingMode.ON));
      readAll(dataSource, table);
      readAll(dataSource, table);
      try (Connection connection = dataSource.getConnection()) {
        assertThat(connection.unwrap(vendorConnectionType())).isInstanceOf(vendorConnectionType());
      }
      assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
    }
    assertThat(sql()).hasSize(2);
    assertThat(json(sql().get(1).output()).get("rows")).hasSize(2);
  }

  @Test
  void hikariInFrontOfTheWrapperClosesWhatTheApplicationLeftOpen() throws Exception {
    String table = products(2);
    try (HikariDataSource pool = pool(CheckpointDataSource.wrap(raw, recorder(RecordingMode.ON)))) {
      readAll(pool, table);
      try (Connection connection = pool.getConnection()) {
        assertThat(connection.unwrap(vendorConnectionType())).isInstanceOf(vendorConnectionType());
        Statement leaked = connection.createStatement();
        ResultSet rows = leaked.executeQuery("SELECT id FROM " + table);
        assertThat(rows.next()).isTrue();
      }
    }
    assertThat(sql()).hasSize(2);
    assertThat(json(sql().get(1).output()).get("rows")).hasSize(1);
  }

  @Test
  void offRecordsNothingAndChangesNothing() throws Exception {
    String table = products(2);
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder(RecordingMode.OFF));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT name FROM " + table + " WHERE id = ?")) {
      statement.setInt(1, 2);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.getStatement()).isSameAs(statement);
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("product-2");
      }
    }
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void offHandsOutTheDriversOwnConnectionAndStatements() throws Exception {
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder(RecordingMode.OFF));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
      assertThat(Proxy.isProxyClass(connection.getClass())).isFalse();
      assertThat(vendorConnectionType().isInstance(connection)).isTrue();
      assertThat(Proxy.isProxyClass(statement.getClass())).isFalse();
      assertThat(statement.getConnection()).isSameAs(connection);
    }
  }

  @Test
  void switchingOnRecordsTheConnectionsObtainedAfterTheSwitch() throws Exception {
    String table = products(2);
    CheckpointRecorder recorder = recorder(RecordingMode.OFF);
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder);
    try (Connection before = dataSource.getConnection()) {
      recorder.control().set(RecordingMode.ON, null);
      try (Statement statement = before.createStatement();
          ResultSet rows = statement.executeQuery("SELECT name FROM " + table)) {
        // Obtained while off: still the driver's, it works and records nothing.
        assertThat(rows.next()).isTrue();
      }
      assertThat(exporter.checkpoints()).isEmpty();

      readAll(dataSource, table);
    }
    assertThat(onlySql().name()).isEqualTo("SELECT " + table);

    recorder.control().set(RecordingMode.OFF, null);
    readAll(dataSource, table);
    assertThat(sql()).hasSize(1);
  }

  @Test
  void aPoolInFrontRecordsWithTheConnectionsItOpensAfterTheSwitch() throws Exception {
    String table = products(1);
    CheckpointRecorder recorder = recorder(RecordingMode.OFF);
    try (HikariDataSource pool = pool(CheckpointDataSource.wrap(raw, recorder))) {
      readAll(pool, table);
      recorder.control().set(RecordingMode.ON, null);
      readAll(pool, table);
      assertThat(exporter.checkpoints()).isEmpty();

      // What a pool does once a connection reaches its maximum lifetime.
      pool.getHikariPoolMXBean().softEvictConnections();
      readAll(pool, table);
    }
    assertThat(onlySql().name()).isEqualTo("SELECT " + table);
  }

  @Test
  void onDemandRecordsOnlyWorkWhoseContextCarriesARunId() throws Exception {
    String table = products(1);
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder(RecordingMode.ON_DEMAND));
    readAll(dataSource, table);
    assertThat(exporter.checkpoints()).isEmpty();

    try (Scope ignored =
        W3cPropagation.extract(null, "checkpoint.run=nightly-7").orElseThrow().makeCurrent()) {
      readAll(dataSource, table);
    }
    CheckpointData checkpoint = onlySql();
    assertThat(checkpoint.runId()).isEqualTo("nightly-7");
  }

  @Test
  void sqlNestsUnderTheCurrentMethodCheckpoint() throws Exception {
    String table = products(1);
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    DataSource dataSource = CheckpointDataSource.wrap(raw, recorder);
    try (ActiveCheckpoint method = recorder.start(Kind.METHOD, "OrderService.list", null)) {
      readAll(dataSource, table);
      method.setOutput("done");
    }

    List<CheckpointData> recorded = exporter.checkpoints();
    assertThat(recorded).extracting(CheckpointData::kind).containsExactly(Kind.SQL, Kind.METHOD);
    assertThat(recorded.get(0).parentId()).isEqualTo(recorded.get(1).id());
    assertThat(recorded.get(0).traceId()).isEqualTo(recorded.get(1).traceId());
  }

  @Test
  void statementFailingInABatchStillReachesTheApplication() throws Exception {
    String table = products(1);
    try (Connection connection = recording().getConnection();
        Statement statement = connection.createStatement()) {
      statement.addBatch("INSERT INTO " + table + " (id, name) VALUES (1, 'duplicate')");
      assertThatThrownBy(statement::executeBatch).isInstanceOf(BatchUpdateException.class);
    }
    assertThat(onlySql().error()).isNotNull();
  }

  private static void readAll(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      while (rows.next()) {
        rows.getObject(1);
      }
    }
  }

  private static HikariDataSource pool(DataSource dataSource) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }
}
