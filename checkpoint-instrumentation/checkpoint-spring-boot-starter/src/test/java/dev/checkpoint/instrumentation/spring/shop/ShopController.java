package dev.checkpoint.instrumentation.spring.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's two endpoints: quotes for customers, and stock for other services. */
@RestController
class ShopController {

  private final PricingService pricing;
  private final StockService stock;

  ShopController(PricingService pricing, StockService stock) {
    this.pricing = pricing;
    this.stock = stock;
  }

  @GetMapping("/quotes/{sku}")
  PricingService.Quote quote(@PathVariable String sku, @RequestParam int quantity) {
    return pricing.quote(sku, quantity);
  }

  @GetMapping("/stock/{sku}")
  PricingService.Stock stock(@PathVariable String sku) {
    return new PricingService.Stock(sku, stock.available(sku));
  }
}
