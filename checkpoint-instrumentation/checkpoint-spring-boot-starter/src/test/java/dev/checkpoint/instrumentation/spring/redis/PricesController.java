package dev.checkpoint.instrumentation.spring.redis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reads and writes a product's price in Redis. */
@RestController
class PricesController {

  private final StringRedisTemplate redis;
  private final String prefix;

  PricesController(StringRedisTemplate redis, @Value("${prices.prefix}") String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @PutMapping("/prices/{sku}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void set(@PathVariable String sku, @RequestBody String price) {
    redis.opsForValue().set(prefix + sku, price);
  }

  @GetMapping("/prices/{sku}")
  ResponseEntity<String> get(@PathVariable String sku) {
    String price = redis.opsForValue().get(prefix + sku);
    return price == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(price);
  }
}
