package dev.checkpoint.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.web.client.RestTemplate;

/**
 * {@code @CheckpointReplay} in a plain Spring test: the application's own {@code DataSource} and
 * {@code RestTemplate} beans answer from the running test's recording, with no bean or setting in
 * the test for it.
 */
class SpringReplayTest {

  /** An application with its own data source (an H2 database nothing is in) and HTTP client. */
  @Configuration(proxyBeanMethods = false)
  static class Application {
    @Bean
    DataSource dataSource() {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:spring-replay-empty");
      return h2;
    }

    @Bean
    RestTemplate restTemplate() {
      return new RestTemplate();
    }
  }

  @ExtendWith(SpringExtension.class)
  @ContextConfiguration(classes = Application.class)
  @CheckpointReplay(scenario = "spring", step = "prices", mode = RecordMode.NONE)
  static class Replaying {
    static final List<String> seen = new ArrayList<>();

    @Autowired DataSource dataSource;
    @Autowired RestTemplate http;

    @Test
    void readsThroughTheApplicationsBeans() throws Exception {
      seen.clear();
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT sku, unit_cents FROM prices")) {
        while (rows.next()) {
          seen.add(rows.getString(1) + " " + rows.getLong(2));
        }
      }
      seen.add(http.getForObject("http://taxes.example:8080/rates?region=EU", String.class));
    }
  }

  @ExtendWith(SpringExtension.class)
  @ContextConfiguration(classes = Application.class)
  @CheckpointReplay(scenario = "spring", step = "missing")
  static class Recording {
    @Test
    void wouldRecord() {}
  }

  @Test
  void theApplicationsDataSourceAndHttpClientAnswerFromTheRecording(@TempDir Path assets)
      throws Exception {
    ReplayRuns.write(
        assets,
        "spring/prices.json",
        2,
        """
        [
          {"input": {}, "key": "test/METHOD/Replaying.reads#0", "kind": "METHOD",
           "name": "Replaying.reads", "output": null, "service": "test"},
          {"input": {"statement": "SELECT sku, unit_cents FROM prices"},
           "key": "test/METHOD/Replaying.reads#0 > test/SQL/SELECT prices#0", "kind": "SQL",
           "name": "SELECT prices",
           "output": {"columns": [
                        {"jdbcType": 12, "key": "SKU", "label": "SKU", "type": "VARCHAR"},
                        {"jdbcType": -5, "key": "UNIT_CENTS", "label": "UNIT_CENTS", "type": "BIGINT"}],
                      "rows": [{"SKU": "A-1", "UNIT_CENTS": 250}]},
           "service": "test"},
          {"input": {"method": "GET", "url": "http://taxes.example:8080/rates?region=EU"},
           "key": "test/METHOD/Replaying.reads#0 > test/HTTP_CLIENT/GET taxes.example:8080/rates#0",
           "kind": "HTTP_CLIENT", "name": "GET taxes.example:8080/rates",
           "output": {"body": "1900", "headers": {"content-type": "text/plain"}, "status": 200},
           "service": "test"},
          {"input": {"command": "GET", "keys": ["price:A-1"], "arguments": []},
           "key": "test/METHOD/Replaying.reads#0 > test/CACHE/GET#0", "kind": "CACHE",
           "name": "GET", "output": {"reply": "250"}, "service": "test"}]
        """);

    // The recorded Redis command is the starter's to record, not answered by the test's replay:
    // strict mode does not report it as never made.
    assertThat(ReplayRuns.failures(Replaying.class, assets)).isEmpty();
    assertThat(Replaying.seen).containsExactly("A-1 250", "1900");
  }

  @Test
  void aSpringTestDoesNotRecordButSaysHowToExport(@TempDir Path assets) {
    assertThat(ReplayRuns.failures(Recording.class, assets))
        .singleElement()
        .asString()
        .startsWith(
            "Cannot record spring/missing.json (it is missing: looked at "
                + assets.resolve("spring/missing.json")
                + " and on the class path) in a Spring test: its application context answers SQL"
                + " and HTTP from the recording")
        .contains("'checkpoint export --trace <trace id> --output " + assets.resolve("spring"));
  }
}
