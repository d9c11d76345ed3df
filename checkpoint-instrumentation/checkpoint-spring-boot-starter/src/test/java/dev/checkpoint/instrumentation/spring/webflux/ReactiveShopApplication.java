package dev.checkpoint.instrumentation.spring.webflux;

import dev.checkpoint.core.export.InMemoryExporter;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application on Reactor Netty with nothing of Checkpoint in it but a {@code @Checkpoint}
 * annotation and the exporter the tests read. Its tests start it with {@code
 * spring.main.web-application-type=reactive}: Spring MVC is on the test class path too.
 */
@SpringBootApplication
public class ReactiveShopApplication {

  /**
   * Where the starter's recorder exports.
   *
   * @return the exporter
   */
  @Bean
  InMemoryExporter checkpointExporter() {
    return InMemoryExporter.create();
  }

  /**
   * A functional route beside the annotated controller.
   *
   * @return the route
   */
  @Bean
  RouterFunction<ServerResponse> healthRoute() {
    return RouterFunctions.route(
        RequestPredicates.GET("/health/{component}"),
        request ->
            ServerResponse.ok()
                .bodyValue(Map.of("component", request.pathVariable("component"), "up", true)));
  }
}
