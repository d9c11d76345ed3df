package example.plain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.checkpoint.Checkpoints;
import example.plain.discounts.Discounts;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * A service with no Checkpoint code: embedded Jetty, JDBC on SQLite through {@code DriverManager}
 * and through a HikariCP pool OkHttp, the JDK's HttpClient and Apache HttpClient 5; only an
 * {@code @Checkpoint} annotation on {@link Prices}, and the application's own on {@link Discounts}.
 * The tests start it in a JVM with the agent. {@code POST /orders} stores the order, reads it back,
 * asks {@code GET /stock} on the same server over OkHttp and answers with what it found, and with
 * what the agent put in its path (the connection's class, OkHttp's interceptors).
 */
public final class PlainApp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlainApp() {}

  /**
   * Starts the service on a free port and prints {@code port=<n>}.
   *
   * @param args the SQLite database file; then {@code library <jsonl file>} to wire the library by
   *     hand too
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    String database = "jdbc:sqlite:" + Path.of(args[0]).toAbsolutePath();
    Wiring wiring =
        args.length > 2 && args[1].equals("library")
            ? new LibraryWiring(Path.of(args[2]))
            : Wiring.NONE;
    try (Connection connection = DriverManager.getConnection(database)) {
      connection
          .createStatement()
          .execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT, total INTEGER)");
    }
    HikariConfig poolConfig = new HikariConfig();
    poolConfig.setJdbcUrl(database);
    poolConfig.setMaximumPoolSize(2);
    DataSource pool = new HikariDataSource(poolConfig);
    Server server = new Server(0);
    OkHttpClient client = wiring.okHttp(new OkHttpClient.Builder()).build();
    HttpClient jdkClient = wiring.jdkClient(HttpClient.newHttpClient());
    CloseableHttpClient apacheClient = HttpClients.createDefault();
    ServletContextHandler context = new ServletContextHandler();
    wiring.servlets(context);
    context.addServlet(
        new ServletHolder(
            new OrdersServlet(database, pool, wiring, client, jdkClient, apacheClient, server)),
        "/orders");
    context.addServlet(new ServletHolder(new StockServlet()), "/stock");
    context.addServlet(new ServletHolder(new ClockServlet()), "/receipt");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    System.out.flush();
    server.join();
  }

  private static final class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final transient DataSource pool;
    private final transient Wiring wiring;
    private final transient OkHttpClient client;
    private final transient HttpClient jdkClient;
    private final transient CloseableHttpClient apacheClient;
    private final transient Server server;

    OrdersServlet(
        String database,
        DataSource pool,
        Wiring wiring,
        OkHttpClient client,
        HttpClient jdkClient,
        CloseableHttpClient apacheClient,
        Server server) {
      this.database = database;
      this.pool = pool;
      this.wiring = wiring;
      this.client = client;
      this.jdkClient = jdkClient;
      this.apacheClient = apacheClient;
      this.server = server;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      @SuppressWarnings("unchecked")
      Map<String, Object> order = JSON.readValue(request.getInputStream(), Map.class);
      String item = (String) order.get("item");
      int quantity = ((Number) order.get("quantity")).intValue();
      int total = Prices.total(item, quantity);
      Map<String, Object> answer = new LinkedHashMap<>();
      try (Connection connection = wiring.connection(DriverManager.getConnection(database))) {
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO orders (item, total) VALUES (?, ?)")) {
          insert.setString(1, item);
          insert.setInt(2, total);
          insert.executeUpdate();
        }
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id, item, total FROM orders WHERE item = ?");
            ResultSet rows = bind(select, item).executeQuery()) {
          rows.next();
          answer.put("id", rows.getInt("id"));
        }
        answer.put("connectionClass", connection.getClass().getName());
      } catch (SQLException e) {
        throw new IOException(e);
      }
      try (Connection pooled = pool.getConnection();
          ResultSet count = pooled.createStatement().executeQuery("SELECT count(*) FROM orders")) {
        count.next();
        answer.put("orders", count.getInt(1));
        answer.put("pooledConnectionRecords", pooled.isWrapperFor(Proxy.class));
      } catch (SQLException e) {
        throw new IOException(e);
      }
      String stockUrl = "http://127.0.0.1:" + server.getURI().getPort() + "/stock?item=" + item;
      try (Response stock = client.newCall(new Request.Builder().url(stockUrl).build()).execute()) {
        answer.put("stock", JSON.readValue(stock.body().string(), Map.class));
      }
      try {
        HttpResponse<String> warehouse =
            jdkClient.send(
                HttpRequest.newBuilder(URI.create(stockUrl + "&via=jdk")).build(),
                HttpResponse.BodyHandlers.ofString());
        answer.put("warehouse", JSON.readValue(warehouse.body(), Map.class));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      answer.put("jdkClientClass", jdkClient.getClass().getName());
      String depot =
          apacheClient.execute(
              new HttpGet(stockUrl + "&via=apache"),
              answered -> EntityUtils.toString(answered.getEntity()));
      answer.put("depot", JSON.readValue(depot, Map.class));
      answer.put("total", total);
      answer.put("discount", Discounts.percent(item, quantity));
      answer.put("okHttpInterceptors", client.interceptors().size());
      answer.put("apiOnBootstrap", Checkpoints.class.getClassLoader() == null);
      response.setContentType("application/json");
      response.setStatus(201);
      response.getOutputStream().write(JSON.writeValueAsBytes(answer));
    }

    private static PreparedStatement bind(PreparedStatement statement, String item)
        throws SQLException {
      statement.setString(1, item);
      return statement;
    }
  }

  private static final class StockServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(
              ("{\"item\":\"" + request.getParameter("item") + "\",\"available\":7}")
                  .getBytes(StandardCharsets.UTF_8));
    }
  }
}
