package dev.checkpoint.instrumentation.spring.webflux;

import dev.checkpoint.Checkpoint;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

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
    if (sku.startsWith("Z")) {
      throw new ResponseStatusException(HttpStatus.GONE, "Discontinued " + sku);
    }
    if (sku.startsWith("Q")) {
      throw new IllegalArgumentException("Malformed sku " + sku);
    }
    return Map.of("sku", sku, "name", "Anvil", "price", 1250);
  }
}
