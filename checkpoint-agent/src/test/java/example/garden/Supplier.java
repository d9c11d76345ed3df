package example.garden;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Orders a new plant's first stock from the supplier service, over Spring's {@code RestClient}. */
@Component
class Supplier {

  /** An order, as the supplier takes it and confirms it. */
  record Order(String plant, int quantity) {}

  private final RestClient client;

  Supplier(RestClient supplierClient) {
    this.client = supplierClient;
  }

  Order order(String plant, int quantity) {
    return client
        .post()
        .uri("/echo")
        .contentType(MediaType.APPLICATION_JSON)
        .body(new Order(plant, quantity))
        .retrieve()
        .body(Order.class);
  }
}
