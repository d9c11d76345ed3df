package dev.checkpoint.instrumentation.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The data source wrapping for a class that cannot be subclassed. */
class DataSourceWrapperTest {

  @Test
  void finalDataSourceIsProxiedByItsInterfacesAndRecords() throws Exception {
    InMemoryExporter exporter = InMemoryExporter.create();
    CheckpointRecorder recorder =
        CheckpointRecorder.builder().mode(RecordingMode.ON).exporter(exporter).build();
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("recorder", recorder);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:wrapper");

    Object wrapped =
        new DataSourceWrapper(beans.getBeanProvider(Instrumenter.class))
            .postProcessAfterInitialization(h2, "dataSource");

    assertThat(wrapped).isNotInstanceOf(JdbcDataSource.class).isInstanceOf(DataSource.class);
    DataSource dataSource = (DataSource) wrapped;
    assertThat(dataSource.isWrapperFor(CheckpointDataSource.class)).isTrue();
    assertThat(dataSource.unwrap(JdbcDataSource.class)).isSameAs(h2);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertThat(rows.next()).isTrue();
    }
    assertThat(exporter.checkpoints())
        .singleElement()
        .satisfies(
            sql -> {
              assertThat(sql.kind()).isEqualTo(Kind.SQL);
              assertThat(sql.input().json()).contains("SELECT 1");
            });
  }
}
