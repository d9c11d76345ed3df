package dev.checkpoint.junit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.Checkpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The example component: quotes a price from a SQL table of unit prices and an HTTP tax service.
 * {@code handlingCents} and {@code taxRegion} let tests change its behaviour.
 */
public final class PriceQuoter {

  /** What to quote. */
  public record QuoteRequest(String sku, int quantity, String region) {}

  /** The quote. */
  public record Quote(String sku, int quantity, long netCents, long taxCents, long totalCents) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final URI taxes;
  private final DataSource prices;
  private final long handlingCents;
  private final String taxRegion;

  public PriceQuoter(HttpClient http, URI taxes, DataSource prices) {
    this(http, taxes, prices, 0, null);
  }

  public PriceQuoter(
      HttpClient http, URI taxes, DataSource prices, long handlingCents, String taxRegion) {
    this.http = http;
    this.taxes = taxes;
    this.prices = prices;
    this.handlingCents = handlingCents;
    this.taxRegion = taxRegion;
  }

  public Quote quote(QuoteRequest request) throws Exception {
    return Checkpoints.record("PriceQuoter.quote", request, () -> compute(request));
  }

  private Quote compute(QuoteRequest request)
      throws SQLException, IOException, InterruptedException {
    long net = unitCents(request.sku()) * request.quantity();
    String region = taxRegion == null ? request.region() : taxRegion;
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(taxes.resolve("/taxes?region=" + region))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        MAPPER.writeValueAsString(Map.of("amountCents", net))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "The tax service answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode tax = MAPPER.readTree(response.body());
    long taxCents = tax.path("taxCents").asLong();
    return new Quote(
        request.sku(), request.quantity(), net, taxCents, net + taxCents + handlingCents);
  }

  private long unitCents(String sku) throws SQLException {
    try (Connection connection = prices.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT unit_cents FROM prices WHERE sku = ?")) {
      statement.setString(1, sku);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalArgumentException("Unknown sku " + sku);
        }
        return rows.getLong("unit_cents");
      }
    }
  }
}
