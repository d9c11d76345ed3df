package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceNamesTest {

  private static final String COMMAND = "/opt/shop/orders-service.jar";

  @TempDir Path classPath;

  @Test
  void aJarIsNamedWithoutItsExtension() {
    assertThat(ServiceNames.fromCommand("/opt/shop/orders-service.jar --port 8080"))
        .isEqualTo("orders-service");
  }

  @Test
  void aMainClassIsNamedByItsSimpleName() {
    assertThat(ServiceNames.fromCommand("com.example.OrdersMain --port 8080"))
        .isEqualTo("OrdersMain");
    assertThat(ServiceNames.fromCommand("shop.orders/com.example.OrdersMain"))
        .isEqualTo("OrdersMain");
  }

  @Test
  void anUnknownCommandStillGivesAName() {
    assertThat(ServiceNames.fromCommand(null)).isEqualTo(ServiceNames.FALLBACK);
    assertThat(ServiceNames.fromCommand("  ")).isEqualTo(ServiceNames.FALLBACK);
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheFiles() throws IOException {
    write("application.properties", "spring.application.name=from-file\n");
    Properties system = new Properties();
    system.setProperty("spring.application.name", " from-property ");
    Map<String, String> environment = Map.of("SPRING_APPLICATION_NAME", "from-environment");

    assertThat(name(system, environment)).isEqualTo("from-property");
    assertThat(name(new Properties(), environment)).isEqualTo("from-environment");
    assertThat(name(new Properties(), Map.of())).isEqualTo("from-file");
  }

  @Test
  void propertiesComeBeforeYaml() throws IOException {
    write("application.yml", "spring.application.name: from-yaml\n");
    assertThat(name()).isEqualTo("from-yaml");

    write("application.properties", "spring.application.name=from-properties\n");
    assertThat(name()).isEqualTo("from-properties");
  }

  @Test
  void readsNestedYaml() throws IOException {
    write(
        "application.yml",
        """
        # the shop's orders
        server:
          port: 8080
        spring:
          datasource:
            url: jdbc:postgresql://db/orders   # not this one
          application:
            name: "orders"   # quoted, with a comment
        """);
    assertThat(name()).isEqualTo("orders");
  }

  @Test
  void readsTheYamlExtensionAndAFlatKey() throws IOException {
    write("application.yaml", "spring:\n  application.name: 'payments'\n");
    assertThat(name()).isEqualTo("payments");
  }

  @Test
  void readsASpringBootJarsApplicationFiles() throws IOException {
    write("BOOT-INF/classes/application.yml", "spring:\n  application:\n    name: catalogue\n");
    assertThat(name()).isEqualTo("catalogue");
  }

  @Test
  void aNameUnderAnotherKeyOrAPlaceholderIsNotTaken() throws IOException {
    write(
        "application.yml",
        """
        management:
          spring:
            application:
              name: not-this
        spring:
          application:
            name: ${APP_NAME:orders}
        """);
    assertThat(name()).as("the jar's name").isEqualTo("orders-service");
  }

  @Test
  void onlyTheFirstYamlDocumentIsRead() throws IOException {
    assertThat(
            ServiceNames.fromYaml(
                yaml(
                    """
                    ---
                    server:
                      port: 8080
                    ---
                    spring:
                      config.activate.on-profile: test
                      application.name: orders-test
                    """)))
        .isNull();
    assertThat(ServiceNames.fromYaml(yaml("spring:\n  application:\n    name:\n"))).isNull();
  }

  private static BufferedReader yaml(String text) {
    return new BufferedReader(new StringReader(text));
  }

  private void write(String resource, String text) throws IOException {
    Path file = classPath.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private String name() throws IOException {
    return name(new Properties(), Map.of());
  }

  private String name(Properties system, Map<String, String> environment) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null)) {
      return ServiceNames.fromApplication(system, environment, loader, COMMAND);
    }
  }
}
