package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import dev.checkpoint.instrumentation.spring.shop.ShopApplication;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter with nothing but its dependency: everything is instrumented, recording is off, and
 * the application works exactly as without it.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterOffTest {

  @LocalServerPort private int port;
  @Autowired private InMemoryExporter exporter;
  @Autowired private CheckpointRecorder recorder;
  @Autowired private DataSource dataSource;
  @Autowired private HikariDataSource hikari;

  @Test
  void offRecordsNothingAndTheApplicationAnswersAsUsual() throws Exception {
    ShopClient shop = new ShopClient(port);

    assertThat(shop.get("/quotes/A-1?quantity=2").body())
        .isEqualTo("{\"sku\":\"A-1\",\"name\":\"Anvil\",\"total\":2500,\"available\":9}");
    assertThat(shop.get("/quotes/B-2?quantity=1").statusCode()).isEqualTo(404);
    assertThat(recorder.isEnabled()).isFalse();
    assertThat(exporter.checkpoints()).isEmpty();
  }

  @Test
  void controlEndpointIsNotMountedWithoutAToken() throws Exception {
    assertThat(new ShopClient(port).get("/checkpoint/control").statusCode()).isEqualTo(404);
  }

  @Test
  void wrappedDataSourceKeepsItsTypeAndUnwraps() throws Exception {
    assertThat(dataSource).isSameAs(hikari);
    assertThat(dataSource.isWrapperFor(CheckpointDataSource.class)).isTrue();
    assertThat(dataSource.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
    assertThat(dataSource.unwrap(HikariDataSource.class).getClass())
        .as("unwrap reaches the pool itself, not the proxy")
        .isEqualTo(HikariDataSource.class);
    assertThat(hikari.getPoolName()).isNotBlank();
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
  }
}
