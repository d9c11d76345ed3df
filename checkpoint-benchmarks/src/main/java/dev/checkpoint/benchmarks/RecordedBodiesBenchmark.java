package dev.checkpoint.benchmarks;

import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.instrumentation.MessageBodies;
import dev.checkpoint.core.model.Payload;
import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording allocates for a JSON body and a result set, each through the real instrumentation
 * with a recorder in mode {@code ON} whose exporter drops every checkpoint (run with {@code -prof
 * gc}, read {@code gc.alloc.rate.norm}): a ~1 KiB JSON request body (and the demo's ~100-byte one)
 * with a small JSON response through {@link HttpExchange}; the same bodies as a message's, shaped
 * by {@link MessageBodies} and captured; a prepared {@code SELECT} of three rows through the JDBC
 * wrapper on an in-memory SQLite database, against the same statement on the driver's own
 * connection. Uses only what every build since issue 20 has, so one build's benchmark jar runs
 * another build's code when that build's {@code checkpoint-core}, {@code checkpoint-http-common}
 * and {@code checkpoint-jdbc} jars come first on the class path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RecordedBodiesBenchmark {

  private static final String SELECT = "SELECT id, name, price, active FROM items WHERE id <= ?";

  /** A payment request of ~1 KiB: decimals, nested objects, an array, two secret keys. */
  static final byte[] JSON_BODY =
      ("{\"orderId\":\"ord-20261206-000042\",\"customerId\":\"cus-7781\",\"amount\":129.90,"
              + "\"currency\":\"EUR\",\"capture\":true,\"card\":{\"holder\":\"Ann Example\","
              + "\"token\":\"tok_4f9a8b7c6d5e4f3a2b1c\",\"expiry\":\"12/29\",\"brand\":\"visa\"},"
              + "\"billing\":{\"street\":\"Hauptstraße 12\",\"city\":\"Köln\",\"zip\":\"50667\","
              + "\"country\":\"DE\"},\"items\":["
              + "{\"sku\":\"BK-1001\",\"name\":\"A book about checkpoints\",\"qty\":1,\"price\":39.90},"
              + "{\"sku\":\"MG-2002\",\"name\":\"Mug, blue\",\"qty\":2,\"price\":12.50},"
              + "{\"sku\":\"TS-3003\",\"name\":\"T-shirt, size M\",\"qty\":1,\"price\":25.00},"
              + "{\"sku\":\"ST-4004\",\"name\":\"Sticker pack\",\"qty\":4,\"price\":2.50},"
              + "{\"sku\":\"PN-5005\",\"name\":\"Pen, black ink\",\"qty\":3,\"price\":9.00}],"
              + "\"shipping\":{\"method\":\"standard\",\"cost\":4.90,\"eta\":\"2026-12-09\"},"
              + "\"metadata\":{\"channel\":\"web\",\"campaign\":\"winter-2026\",\"ip\":\"203.0.113.7\","
              + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0\","
              + "\"password\":\"never-recorded\",\"sessionRef\":\"s-91c2f0e4\"},"
              + "\"note\":\"Please leave the parcel with the neighbour if nobody is at home.\"}")
          .getBytes(StandardCharsets.UTF_8);

  /** The demo payments service's request body (overhead-payments.properties): ~100 bytes. */
  static final byte[] DEMO_BODY =
      ("{\"orderId\":\"4c1b6f0e-8a51-4d7e-9a3b-2f6d1c0e7b55\",\"amountCents\":2598,"
              + "\"cardNumber\":\"4111111111111111\"}")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] JSON_RESPONSE =
      "{\"paymentId\":\"pay-000042\",\"status\":\"AUTHORIZED\",\"amount\":129.90}"
          .getBytes(StandardCharsets.UTF_8);

  private CheckpointRecorder recorder;
  private PayloadCapture capture;
  private Map<String, Object> requestHead;
  private Map<String, Object> responseHead;
  private Connection plain;
  private Connection recorded;

  /** A recorder in mode ON dropping what it exports, and a database with three rows. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    recorder =
        CheckpointRecorder.builder()
            .service("bench")
            .mode(RecordingMode.ON)
            .exporter(CheckpointExporter.noop())
            .build();
    capture = recorder.capture();
    requestHead =
        Map.of(
            "method",
            "POST",
            "path",
            "/payments",
            "headers",
            Map.of("content-type", "application/json", "host", "payments:8080"));
    responseHead = Map.of("status", 201, "headers", Map.of("content-type", "application/json"));
    plain = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement statement = plain.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
              + " active BOOLEAN)");
      for (int i = 1; i <= 5; i++) {
        statement.execute(
            "INSERT INTO items VALUES (" + i + ", 'item-" + i + "', " + i + "9.90, 1)");
      }
    }
    recorded = CheckpointDataSource.wrap(plain, recorder);
  }

  /** Closes the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    plain.close();
  }

  /**
   * A recorded HTTP call: the ~1 KiB JSON request and a small JSON response shaped and captured at
   * its end.
   *
   * @return the request body's buffer
   */
  @Benchmark
  public BodyBuffer httpJsonExchange() {
    return exchange(JSON_BODY);
  }

  /**
   * The same with the demo's ~100-byte request body, where a tree was smallest.
   *
   * @return the request body's buffer
   */
  @Benchmark
  public BodyBuffer httpDemoJsonExchange() {
    return exchange(DEMO_BODY);
  }

  private BodyBuffer exchange(byte[] body) {
    HttpExchange exchange = HttpExchange.start(recorder, Kind.HTTP_CLIENT, "POST /payments", null);
    BodyBuffer request = exchange.newBody();
    request.write(body, 0, body.length);
    BodyBuffer response = exchange.newBody();
    response.write(JSON_RESPONSE, 0, JSON_RESPONSE.length);
    exchange.request(requestHead, "application/json", request);
    exchange.response(responseHead, "application/json", response);
    exchange.end();
    return request;
  }

  /**
   * A message's ~1 KiB JSON body shaped and captured, as the messaging instrumentations record it.
   *
   * @return the captured payload
   */
  @Benchmark
  public Payload messageJsonBody() {
    return message(JSON_BODY);
  }

  /**
   * The same with the demo's ~100-byte body.
   *
   * @return the captured payload
   */
  @Benchmark
  public Payload messageDemoJsonBody() {
    return message(DEMO_BODY);
  }

  private Payload message(byte[] body) {
    Object shaped = MessageBodies.shape(body, "application/json", null, capture.maxBytes());
    return capture.capture(shaped, "input").payload();
  }

  /**
   * Baseline: the prepared SELECT and its three rows on the driver's connection.
   *
   * @return the sum of the ids read
   * @throws SQLException never
   */
  @Benchmark
  public long jdbcSelectPlain() throws SQLException {
    return select(plain);
  }

  /**
   * The same SELECT through the recording wrapper: statement, parameter, columns and rows recorded.
   *
   * @return the sum of the ids read
   * @throws SQLException never
   */
  @Benchmark
  public long jdbcSelectRecorded() throws SQLException {
    return select(recorded);
  }

  private static long select(Connection connection) throws SQLException {
    long sum = 0;
    try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
      statement.setInt(1, 3);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          sum += rows.getLong(1);
          rows.getString(2);
        }
      }
    }
    return sum;
  }
}
