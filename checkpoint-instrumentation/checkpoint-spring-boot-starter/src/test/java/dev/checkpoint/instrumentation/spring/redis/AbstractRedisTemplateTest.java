package dev.checkpoint.instrumentation.spring.redis;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the Redis tests share: the real Redis at 127.0.0.1:6379 (required under {@code CI=true}),
 * keys of their own under a prefix no other run uses, deleted after each test, and an exporter
 * emptied before each test.
 */
abstract class AbstractRedisTemplateTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Unique per run, so that helpers and builds sharing the Redis do not see each other's keys. */
  static final String PREFIX = "checkpoint-starter-test:" + UUID.randomUUID() + ":";

  @LocalServerPort private int port;
  @Autowired InMemoryExporter exporter;
  @Autowired CheckpointRecorder recorder;
  @Autowired StringRedisTemplate redis;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", () -> 6379);
    registry.add("spring.data.redis.timeout", () -> "5s");
    registry.add("prices.prefix", () -> PREFIX);
  }

  @BeforeAll
  static void requireRedis() throws Exception {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try {
      RequiredService.connect(
          "Redis at 127.0.0.1:6379",
          "Start it with: scripts/services.sh (or redis-server --daemonize yes --port 6379).",
          () -> {
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
              return connection.sync().ping();
            }
          });
    } finally {
      client.shutdown();
    }
  }

  @BeforeEach
  void reset() {
    exporter.reset();
  }

  @AfterEach
  void deleteKeys() {
    // Not recorded: the keys are the test's, not the application's.
    recorder.control().set(RecordingMode.OFF, null);
    Set<String> keys = redis.keys(PREFIX + "*");
    if (!keys.isEmpty()) {
      redis.delete(keys);
    }
    recorder.control().set(RecordingMode.ON, null);
  }

  HttpResponse<String> put(String path, String body) throws Exception {
    return HTTP.send(
        request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("content-type", "text/plain");
  }
}
