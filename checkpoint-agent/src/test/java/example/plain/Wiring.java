package example.plain;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * What {@link PlainApp} does by hand to record: nothing, or the library's wiring ({@link
 * LibraryWiring}), to check that the agent then records each call once.
 */
interface Wiring {

  Wiring NONE =
      new Wiring() {
        @Override
        public void servlets(ServletContextHandler context) {}

        @Override
        public Connection connection(Connection connection) {
          return connection;
        }

        @Override
        public OkHttpClient.Builder okHttp(OkHttpClient.Builder builder) {
          return builder;
        }

        @Override
        public HttpClient jdkClient(HttpClient client) {
          return client;
        }
      };

  void servlets(ServletContextHandler context);

  Connection connection(Connection connection) throws SQLException;

  OkHttpClient.Builder okHttp(OkHttpClient.Builder builder);

  HttpClient jdkClient(HttpClient client);
}
