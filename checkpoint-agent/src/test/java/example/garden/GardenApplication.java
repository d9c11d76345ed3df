package example.garden;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * A Spring Boot 4 service with no Checkpoint code, started by the tests in a JVM with the agent:
 * Spring MVC on Tomcat with Thymeleaf pages and a form, Spring Data JPA on Hibernate (H2 or
 * PostgreSQL, as {@code spring.datasource.url} says), a {@code RestClient} to a supplier service
 * ({@code garden.supplier.url}) and an {@code @ExceptionHandler}. Of Checkpoint it uses only the
 * {@code @Checkpoint} annotation, on {@link GardenService}. Its settings, {@code
 * spring.application.name} among them, are in the {@code application.properties} of its own
 * resources root ({@code garden/} in the test resources), which the tests put on its class path. It
 * prints {@code port=<n>} once Tomcat listens.
 */
@SpringBootApplication
public class GardenApplication {

  public static void main(String[] args) {
    SpringApplication.run(GardenApplication.class, args);
  }

  @Bean
  ApplicationListener<WebServerInitializedEvent> printPort() {
    return event -> System.out.println("port=" + event.getWebServer().getPort());
  }

  @Bean
  RestClient supplierClient(
      RestClient.Builder builder, @Value("${garden.supplier.url}") String url) {
    return builder.baseUrl(url).build();
  }
}
