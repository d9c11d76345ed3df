package dev.checkpoint.instrumentation.spring.shop;

import dev.checkpoint.Checkpoint;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/** Prices an order line from the database and asks the stock service what is available. */
@Service
public class PricingService {

  private final JdbcTemplate jdbc;
  private final RestClient restClient;
  private final Environment environment;

  PricingService(JdbcTemplate jdbc, RestClient.Builder restClient, Environment environment) {
    this.jdbc = jdbc;
    this.restClient = restClient.build();
    this.environment = environment;
  }

  /**
   * Quotes a quantity of a product.
   *
   * @param sku the product
   * @param quantity how many
   * @return the quote
   */
  @Checkpoint
  public Quote quote(String sku, int quantity) {
    List<Map<String, Object>> rows =
        jdbc.queryForList("SELECT name, price FROM product WHERE sku = ?", sku);
    if (rows.isEmpty()) {
      throw new UnknownProductException(sku);
    }
    Stock stock =
        restClient
            .get()
            .uri(
                "http://127.0.0.1:{port}/stock/{sku}",
                environment.getProperty("local.server.port"),
                sku)
            .retrieve()
            .body(Stock.class);
    Map<String, Object> product = rows.get(0);
    int price = ((Number) product.get("PRICE")).intValue();
    return new Quote(sku, (String) product.get("NAME"), price * quantity, stock.available());
  }

  /**
   * A priced order line.
   *
   * @param sku the product
   * @param name its name
   * @param total the price of the quantity, in cents
   * @param available how many are in stock
   */
  public record Quote(String sku, String name, int total, int available) {}

  /**
   * The stock service's answer.
   *
   * @param sku the product
   * @param available how many are in stock
   */
  public record Stock(String sku, int available) {}
}
