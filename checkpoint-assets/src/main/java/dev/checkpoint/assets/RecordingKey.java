package dev.checkpoint.assets;

import dev.checkpoint.CheckpointId;
import dev.checkpoint.TraceId;
import java.util.Objects;

/**
 * Which recorded entry checkpoint a replayed request stands for: the value of the {@code
 * checkpoint.replay} member of the {@code baggage} that {@code checkpoint replay} sends with each
 * replayed request, by which a service in {@code REPLAY} mode finds the recorded tree to answer its
 * dependencies from.
 *
 * <p>Two forms, one per replay source:
 *
 * <pre>
 * server key = traceId ":" checkpointId                 (a checkpoint server source)
 * asset key  = assetPath "#" checkpointKey              (an asset file or folder source)
 * </pre>
 *
 * for example {@code 0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331} and {@code
 * shop/place-order.json#shop/HTTP_SERVER/POST /orders#0}. The asset path is relative to the source
 * folder with {@code /} between its parts (the file's own name when the source is one file), and
 * the checkpoint key is the entry checkpoint's {@linkplain CheckpointKey stable key} in that asset.
 * The asset form splits at the first {@code #}, so an asset path holds none.
 */
public sealed interface RecordingKey {

  /**
   * Reads a key in either form.
   *
   * @param text a formatted key
   * @return the key
   * @throws IllegalArgumentException when {@code text} is neither form; the message says why
   */
  static RecordingKey parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon == TraceId.LENGTH && text.length() == TraceId.LENGTH + 1 + CheckpointId.LENGTH) {
      String traceId = text.substring(0, colon);
      String checkpointId = text.substring(colon + 1);
      if (TraceId.isValid(traceId) && CheckpointId.isValid(checkpointId)) {
        return new Recorded(traceId, checkpointId);
      }
    }
    int hash = text.indexOf('#');
    if (hash <= 0) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a recording key: it is neither <trace id>:<checkpoint id> (32 and 16"
              + " lowercase hex digits) nor <asset path>#<checkpoint key>, such as"
              + " 'shop/place-order.json#shop/HTTP_SERVER/POST /orders#0'.");
    }
    return new InAsset(text.substring(0, hash), CheckpointKey.parse(text.substring(hash + 1)));
  }

  /**
   * The key as {@link #parse} reads it.
   *
   * @return the formatted key
   */
  String format();

  /**
   * An entry checkpoint stored on a checkpoint server.
   *
   * @param traceId the recorded tree's trace id
   * @param checkpointId the recorded entry checkpoint's id
   */
  record Recorded(String traceId, String checkpointId) implements RecordingKey {

    /**
     * Checks the ids.
     *
     * @param traceId the trace id
     * @param checkpointId the checkpoint id
     * @throws IllegalArgumentException when either is not a W3C id
     */
    public Recorded {
      if (!TraceId.isValid(traceId)) {
        throw new IllegalArgumentException("traceId must be " + TraceId.RULE + ": " + traceId);
      }
      if (!CheckpointId.isValid(checkpointId)) {
        throw new IllegalArgumentException(
            "checkpointId must be " + CheckpointId.RULE + ": " + checkpointId);
      }
    }

    @Override
    public String format() {
      return traceId + ":" + checkpointId;
    }

    @Override
    public String toString() {
      return format();
    }
  }

  /**
   * An entry checkpoint in an asset file.
   *
   * @param assetPath the asset file relative to the source folder, parts joined by {@code /}
   * @param checkpoint the entry checkpoint's stable key in the asset
   */
  record InAsset(String assetPath, CheckpointKey checkpoint) implements RecordingKey {

    /**
     * Checks the path.
     *
     * @param assetPath the relative path
     * @param checkpoint the key
     * @throws IllegalArgumentException when the path is empty, absolute, or holds a {@code #} or a
     *     {@code \}
     */
    public InAsset {
      Objects.requireNonNull(assetPath, "assetPath");
      Objects.requireNonNull(checkpoint, "checkpoint");
      if (assetPath.isEmpty()
          || assetPath.startsWith("/")
          || assetPath.indexOf('#') >= 0
          || assetPath.indexOf('\\') >= 0) {
        throw new IllegalArgumentException(
            "An asset path in a recording key must be relative, with '/' between its parts and no"
                + " '#' or '\\', but was '"
                + assetPath
                + "'. Rename the asset file.");
      }
    }

    @Override
    public String format() {
      return assetPath + "#" + checkpoint;
    }

    @Override
    public String toString() {
      return format();
    }
  }
}
