package dev.checkpoint.junit;

import dev.checkpoint.core.CheckpointRecorder;
import java.net.URI;
import javax.sql.DataSource;

/**
 * What a {@link CheckpointReplay} test wires its component to: a parameter of the test method, of a
 * {@code @BeforeEach} method, or of a {@code @ParameterizedTest} after its recorded arguments.
 *
 * <p><b>Replaying</b>, {@link #baseUri()} is the stub HTTP server and {@link #dataSource()} the
 * replaying data source; the {@code live} arguments of the overloads are ignored, and {@link
 * #recorder()} is a recorder that answers the Redis commands and message publishes of the clients
 * instrumented with it from the asset, without sending them, and keeps nothing it records.
 *
 * <p><b>Recording</b>, the component must reach the real services, through instrumented clients:
 * {@link #baseUri(URI)} and {@link #dataSource(DataSource)} return the live service and data source
 * they are given, and {@link #recorder()} is a recorder (mode {@code ON}, installed behind {@code
 * Checkpoints} for the test) to instrument them with, for example with {@code
 * JavaHttpClientCheckpoints.wrap(client, replay.recorder())} and {@code
 * CheckpointDataSource.wrap(dataSource, replay.recorder())}. The test method runs inside a {@code
 * METHOD} checkpoint named {@code <TestClass>.<method>}, so that every checkpoint recorded
 * meanwhile belongs to one tree. When the test passes, the tree is normalised and written as the
 * asset; in update mode, what changed is reported as a structural diff.
 *
 * <p>Wrapping clients with {@link #recorder()} in both cases keeps one test body for both.
 */
public interface Replay {

  /**
   * The stub HTTP server's base URI while replaying, such as {@code http://127.0.0.1:51234}; it
   * answers any path.
   *
   * @return the base URI, without a trailing slash
   * @throws IllegalStateException while recording, which needs the live service: use {@link
   *     #baseUri(URI)}
   */
  URI baseUri();

  /**
   * The stub's base URI while replaying, the live service while recording.
   *
   * @param live the real service to record; ignored, and may be {@code null}, while replaying
   * @return the URI to configure the component with
   */
  URI baseUri(URI live);

  /**
   * The replaying data source while replaying.
   *
   * @return the data source
   * @throws IllegalStateException while recording, which needs a live database: use {@link
   *     #dataSource(DataSource)}
   */
  DataSource dataSource();

  /**
   * The replaying data source while replaying, the live one while recording.
   *
   * @param live the real data source to record; ignored, and may be {@code null}, while replaying
   * @return the data source to configure the component with
   */
  DataSource dataSource(DataSource live);

  /**
   * The recorder to instrument clients with: recording everything while recording; while replaying,
   * answering Redis commands and message publishes (RabbitMQ, Kafka) from the asset instead of
   * sending them, and keeping nothing (HTTP and SQL calls are answered by {@link #baseUri()} and
   * {@link #dataSource()}).
   *
   * @return the recorder
   */
  CheckpointRecorder recorder();

  /**
   * The first top-level checkpoint of the replayed asset, such as the HTTP request a tree exported
   * from a running service starts with: its input is what to send the component, its output what it
   * answered. Compare the component's answer with {@link
   * CheckpointAssertions#assertMatchesRecorded(Object, RecordedCall,
   * dev.checkpoint.assets.StructuralDiff)}.
   *
   * @return the recorded call
   * @throws IllegalStateException while recording, or when the asset has no checkpoints
   */
  RecordedCall entry();

  /**
   * Whether this test records its asset instead of replaying it.
   *
   * @return {@code true} while recording
   */
  boolean isRecording();

  /**
   * The mode in effect, after {@code CI} and {@code checkpoint.update}.
   *
   * @return the mode
   */
  RecordMode mode();

  /**
   * The asset this test replays or records.
   *
   * @return its name relative to the assets root, such as {@code pricing/quote.json}, or a recorded
   *     call such as {@code pricing/quote.json #2}
   */
  String asset();
}
