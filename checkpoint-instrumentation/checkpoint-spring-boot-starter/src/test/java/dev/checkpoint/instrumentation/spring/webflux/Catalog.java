package dev.checkpoint.instrumentation.spring.webflux;

import dev.checkpoint.Checkpoint;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Describes products; an unknown one has no description. */
@Service
@Checkpoint
public class Catalog {

  /**
   * The description of a product.
   *
   * @param sku the product
   * @return its name and price
   */
  public Map<String, Object> describe(String sku) {
    if (sku.startsWith("X")) {
      throw new IllegalStateException("No product " + sku);
    }
    return Map.of("sku", sku, "name", "Anvil", "price", 1250);
  }
}
