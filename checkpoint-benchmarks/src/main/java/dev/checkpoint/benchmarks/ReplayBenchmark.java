package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.junit.CheckpointAssertions;
import dev.checkpoint.junit.RecordedCall;
import dev.checkpoint.junit.internal.ReplaySession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay-and-compare of an asset of 1,000 recorded checkpoints, as a {@code @CheckpointReplay} test
 * does it: 100 recorded calls of a component, each with 4 SQL queries and 5 HTTP calls below it.
 * One operation starts the replay (stub HTTP server on 127.0.0.1, replaying data source), runs the
 * component for every recorded call, its SQL through JDBC and its HTTP through {@code
 * java.net.http.HttpClient} over loopback, compares each output with the recorded one, checks that
 * every recorded call was made (strict mode) and stops the stub. Target: at most 5 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final WireCheckpoints CHECKPOINTS = new WireCheckpoints("pricing");
  private static final int SQL_PER_CALL = 4;
  private static final int HTTP_PER_CALL = 5;

  /** Recorded checkpoints in the asset, 10 per component call. */
  @Param({"1000"})
  public int checkpoints;

  private Asset asset;
  private List<RecordedCall> calls;
  private HttpClient http;

  /** Builds the asset once; only replay and comparison are measured. */
  @Setup
  public void setUp() {
    List<JsonNode> wire = new ArrayList<>();
    int components = checkpoints / (1 + SQL_PER_CALL + HTTP_PER_CALL);
    long start = 0;
    for (int c = 0; c < components; c++) {
      String id = "c" + c;
      String sku = "SKU-" + c;
      long total = 0;
      List<ObjectNode> children = new ArrayList<>();
      for (int s = 0; s < SQL_PER_CALL; s++) {
        long price = 100 + c + s;
        total += price;
        ObjectNode input = MAPPER.createObjectNode();
        input.put("statement", "SELECT price FROM prices WHERE sku = ? AND part = ?");
        input.putObject("parameters").put("1", sku).put("2", s);
        ObjectNode output = MAPPER.createObjectNode();
        output.putArray("rows").addObject().put("PRICE", price);
        children.add(
            CHECKPOINTS.of(id + "s" + s, id, "SQL", "SELECT prices", ++start, input, output));
      }
      for (int h = 0; h < HTTP_PER_CALL; h++) {
        long tax = c + h;
        total += tax;
        ObjectNode input = MAPPER.createObjectNode();
        input.put("method", "POST");
        input.put("url", "http://taxes.internal:8080/taxes?region=EU&part=" + h);
        input.putObject("headers").put("content-type", "application/json");
        input.putObject("body").put("sku", sku).put("amountCents", 100 + c);
        ObjectNode output = MAPPER.createObjectNode();
        output.put("status", 200);
        output.putObject("headers").put("content-type", "application/json");
        output.putObject("body").put("taxCents", tax).put("region", "EU");
        children.add(
            CHECKPOINTS.of(
                id + "h" + h,
                id,
                "HTTP_CLIENT",
                "POST taxes.internal:8080/taxes",
                ++start,
                input,
                output));
      }
      ObjectNode input = MAPPER.createObjectNode().put("sku", sku).put("amountCents", 100 + c);
      ObjectNode output = MAPPER.createObjectNode().put("sku", sku).put("totalCents", total);
      wire.add(CHECKPOINTS.of(id, null, "METHOD", "Quoter.quote", ++start, input, output));
      wire.addAll(children);
    }
    asset = Asset.ofTrees(CheckpointTrees.assemble(wire), Normaliser.defaults());
    calls = new ArrayList<>();
    int position = 1;
    for (CheckpointNode node : CheckpointTrees.calls(asset.checkpoints(), "Quoter.quote")) {
      calls.add(RecordedCall.of("bench/replay.json", position++, asset, node));
    }
    if (asset.flatten().size() != checkpoints) {
      throw new IllegalStateException("built " + asset.flatten().size() + " checkpoints");
    }
    http = HttpClient.newHttpClient();
  }

  /** Nothing to release but the client's threads, which are daemons. */
  @TearDown
  public void tearDown() {
    http = null;
  }

  /**
   * Replays the asset and compares every output.
   *
   * @return the number of component calls compared
   * @throws Exception when a call fails, which would be a bug in the benchmark
   */
  @Benchmark
  public int replayAndCompare() throws Exception {
    try (ReplaySession session = ReplaySession.of("bench/replay.json", asset)) {
      URI base = session.baseUri();
      DataSource dataSource = session.dataSource();
      for (RecordedCall call : calls) {
        JsonNode input = call.input();
        ObjectNode output = quote(base, dataSource, input);
        CheckpointAssertions.assertMatchesRecorded(output, call);
      }
      if (!session.ledger().failures().isEmpty() || session.ledger().unused().isPresent()) {
        throw new IllegalStateException(
            session.ledger().failures() + " " + session.ledger().unused());
      }
      return calls.size();
    }
  }

  /* The component: prices from SQL, taxes from HTTP. */
  private ObjectNode quote(URI base, DataSource dataSource, JsonNode input)
      throws SQLException, IOException, InterruptedException {
    String sku = input.get("sku").asText();
    long total = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT price FROM prices WHERE sku = ? AND part = ?")) {
      for (int s = 0; s < SQL_PER_CALL; s++) {
        statement.setString(1, sku);
        statement.setInt(2, s);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          total += rows.getLong("price");
        }
      }
    }
    String body =
        MAPPER.writeValueAsString(
            MAPPER
                .createObjectNode()
                .put("sku", sku)
                .put("amountCents", input.get("amountCents").asLong()));
    for (int h = 0; h < HTTP_PER_CALL; h++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/taxes?region=EU&part=" + h))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      total += MAPPER.readTree(response.body()).get("taxCents").asLong();
    }
    return MAPPER.createObjectNode().put("sku", sku).put("totalCents", total);
  }
}
