package dev.checkpoint.instrumentation.spring.shop;

import dev.checkpoint.Checkpoint;
import org.springframework.stereotype.Service;

/** Knows what is in stock; every method it declares is a checkpoint. */
@Service
@Checkpoint
public class StockService {

  /**
   * How many of a product are in stock.
   *
   * @param sku the product
   * @return the count
   */
  public int available(String sku) {
    return sku.length() * 3;
  }
}
