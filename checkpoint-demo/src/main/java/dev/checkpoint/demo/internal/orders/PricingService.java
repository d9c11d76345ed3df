package dev.checkpoint.demo.internal.orders;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.demo.internal.Database;
import java.sql.SQLException;
import java.util.Map;

/** Prices an order line from the catalogue, cached in Redis; recorded as a METHOD checkpoint. */
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

  /**
   * Prices from the {@code products} table, read through the cache: a miss reads SQL and fills the
   * cache, a hit does not read SQL. An unknown product is not cached.
   */
  static PricingService catalogue(Database database, PriceCache cache) {
    return (productId, quantity) -> {
      PriceCache.CachedProduct product = cache.get(productId).orElse(null);
      if (product == null) {
        Map<String, Object> row =
            database
                .queryOne("SELECT name, price_cents FROM products WHERE id = ?", productId)
                .orElseThrow(() -> new UnknownProductException(productId));
        product =
            new PriceCache.CachedProduct(
                (String) row.get("name"), ((Number) row.get("price_cents")).longValue());
        cache.put(productId, product);
      }
      return new Quote(
          productId,
          product.name(),
          product.priceCents(),
          quantity,
          product.priceCents() * quantity);
    };
  }
}
