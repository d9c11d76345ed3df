package dev.checkpoint.demo.internal.orders;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.demo.internal.Database;
import java.sql.SQLException;
import java.util.Map;

/** Prices an order line from the catalogue; recorded as a METHOD checkpoint. */
public interface PricingService {

  /**
   * Prices a line.
   *
   * @param productId the product
   * @param quantity how many
   * @return the price
   * @throws UnknownProductException when the catalogue has no such product
   * @throws SQLException when the catalogue cannot be read
   */
  @Checkpoint
  Quote price(String productId, int quantity) throws UnknownProductException, SQLException;

  /** Prices from the {@code products} table. */
  static PricingService catalogue(Database database) {
    return (productId, quantity) -> {
      Map<String, Object> product =
          database
              .queryOne("SELECT name, price_cents FROM products WHERE id = ?", productId)
              .orElseThrow(() -> new UnknownProductException(productId));
      long unitCents = ((Number) product.get("price_cents")).longValue();
      return new Quote(
          productId, (String) product.get("name"), unitCents, quantity, unitCents * quantity);
    };
  }
}
