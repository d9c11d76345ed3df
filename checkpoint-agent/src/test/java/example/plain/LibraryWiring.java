package example.plain;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import dev.checkpoint.instrumentation.httpclient.OkHttpCheckpoints;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.EnumSet;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The library wired by hand, as its docs show, recording into a JSONL file of its own. */
final class LibraryWiring implements Wiring {

  private final CheckpointRecorder recorder;

  LibraryWiring(Path jsonl) {
    recorder =
        CheckpointRecorder.fromConfig(
            CheckpointConfig.builder()
                .serviceName("library")
                .mode(RecordingMode.ON)
                .exporter(CheckpointConfig.ExporterType.JSONL)
                .jsonlPath(jsonl)
                .build());
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> recorder.shutdown(Duration.ofSeconds(5))));
  }

  @Override
  public void servlets(ServletContextHandler context) {
    FilterHolder holder = new FilterHolder(CheckpointFilter.create(recorder));
    holder.setAsyncSupported(true);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  @Override
  public Connection connection(Connection connection) {
    return CheckpointDataSource.wrap(connection, recorder);
  }

  @Override
  public OkHttpClient.Builder okHttp(OkHttpClient.Builder builder) {
    return builder.addInterceptor(OkHttpCheckpoints.interceptor(recorder));
  }

  @Override
  public HttpClient jdkClient(HttpClient client) {
    return JavaHttpClientCheckpoints.wrap(client, recorder);
  }
}
