package dev.checkpoint.instrumentation.spring.shop;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No product has the requested SKU. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownProductException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownProductException(String sku) {
    super("Unknown product " + sku);
  }
}
