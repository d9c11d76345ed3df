package dev.checkpoint.junit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The "real" services the example records against: a tax service on 127.0.0.1 and an in-memory H2
 * database of unit prices. Started only while a test records.
 */
public final class LiveServices implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final HttpServer server;
  private final JdbcDataSource database;
  private final Connection keepAlive;
  private volatile int rateBasisPoints = 1900;

  private LiveServices() throws IOException, SQLException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/taxes",
        exchange -> {
          JsonNode body = MAPPER.readTree(exchange.getRequestBody());
          long amount = body.path("amountCents").asLong();
          byte[] answer =
              MAPPER
                  .writeValueAsString(
                      MAPPER
                          .createObjectNode()
                          .put("assessmentId", UUID.randomUUID().toString())
                          .put("rateBasisPoints", rateBasisPoints)
                          .put("taxCents", amount * rateBasisPoints / 10_000))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:prices" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    keepAlive = database.getConnection();
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute("CREATE TABLE prices (sku VARCHAR(20) PRIMARY KEY, unit_cents BIGINT)");
      statement.execute("INSERT INTO prices VALUES ('A-1', 250), ('B-2', 1999)");
    }
  }

  public static LiveServices start() {
    try {
      return new LiveServices();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI taxes() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public DataSource prices() {
    return database;
  }

  /** Changes the tax rate, as the real service might between two recordings. */
  public void rateBasisPoints(int rate) {
    rateBasisPoints = rate;
  }

  @Override
  public void close() throws SQLException {
    server.stop(0);
    keepAlive.close();
  }
}
