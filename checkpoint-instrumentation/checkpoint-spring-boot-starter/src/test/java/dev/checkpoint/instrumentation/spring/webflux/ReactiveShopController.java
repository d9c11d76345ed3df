package dev.checkpoint.instrumentation.spring.webflux;

import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Products, and orders that ask the stock endpoint of this same application over HTTP. */
@RestController
class ReactiveShopController {

  private final Catalog catalog;
  private final WebClient.Builder webClient;
  private final Environment environment;
  private final JdbcTemplate jdbc;

  ReactiveShopController(
      Catalog catalog, WebClient.Builder webClient, Environment environment, JdbcTemplate jdbc) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.webClient = webClient;
    this.environment = environment;
  }

  @GetMapping("/products/{sku}")
  Mono<Map<String, Object>> product(@PathVariable String sku) {
    return Mono.just(catalog.describe(sku));
  }

  @PostMapping("/orders/{sku}")
  Mono<Map<String, Object>> order(
      @PathVariable String sku, @RequestBody Map<String, Object> order) {
    // On another scheduler's thread: the call finds the request's checkpoint in the Reactor
    // context.
    return Mono.just(order)
        .publishOn(Schedulers.parallel())
        .flatMap(
            placed ->
                webClient
                    .build()
                    .get()
                    .uri(
                        "http://127.0.0.1:{port}/stock/{sku}",
                        environment.getProperty("local.server.port"),
                        sku)
                    .retrieve()
                    .bodyToMono(Integer.class)
                    .map(
                        stock ->
                            Map.of(
                                "sku", sku, "quantity", placed.get("quantity"), "stock", stock)));
  }

  @GetMapping("/prices/{sku}")
  Mono<Map<String, Object>> price(@PathVariable String sku) {
    // Blocking JDBC off the event loop, then the description on yet another scheduler's thread.
    return Mono.fromCallable(
            () ->
                jdbc.queryForObject("SELECT price FROM product WHERE sku = ?", Integer.class, sku))
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel())
        .map(price -> Map.of("price", price, "product", catalog.describe(sku)));
  }

  @ExceptionHandler
  ResponseEntity<Map<String, Object>> malformed(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("problem", e.getMessage()));
  }

  @GetMapping("/stock/{sku}")
  Mono<Integer> stock(@PathVariable String sku) {
    return Mono.just(sku.length() * 3);
  }
}
