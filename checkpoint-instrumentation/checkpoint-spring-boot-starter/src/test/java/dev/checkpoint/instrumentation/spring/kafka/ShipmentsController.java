package dev.checkpoint.instrumentation.spring.kafka;

import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accepts a shipment and sends it to the shipments topic, once the broker has it. */
@RestController
class ShipmentsController {

  private final KafkaTemplate<String, String> kafka;
  private final String topic;

  ShipmentsController(
      KafkaTemplate<String, String> kafka, @Value("${shipments.topic}") String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  @PostMapping("/shipments/{order}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void ship(@PathVariable String order, @RequestBody String shipment) throws Exception {
    kafka.send(topic, order, shipment).get(30, TimeUnit.SECONDS);
  }
}
