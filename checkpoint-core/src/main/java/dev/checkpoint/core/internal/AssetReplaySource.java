package dev.checkpoint.core.internal;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.RecordingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recorded entries read from asset files: a key {@code <path>#<stable key>} names an asset by its
 * path relative to the source folder (or to the folder of the source file) and the entry checkpoint
 * in it by its stable key. Each asset is read once.
 */
final class AssetReplaySource implements ReplaySource {

  private final Path source;
  private final Path folder;
  private final Map<Path, Asset> assets = new ConcurrentHashMap<>();

  AssetReplaySource(Path source) {
    this.source = source.toAbsolutePath().normalize();
    this.folder = Files.isDirectory(this.source) ? this.source : this.source.getParent();
  }

  @Override
  public String description() {
    return source.toString();
  }

  @Override
  public RecordedEntry entry(String key) throws LoadException {
    RecordingKey.InAsset inAsset;
    try {
      if (!(RecordingKey.parse(key) instanceof RecordingKey.InAsset parsed)) {
        throw new IllegalArgumentException("it names a checkpoint on a server");
      }
      inAsset = parsed;
    } catch (IllegalArgumentException e) {
      throw new LoadException(
          "The replay key '"
              + key
              + "' is not '<asset path>#<stable key>' as an asset source ("
              + source
              + ") needs ("
              + e.getMessage()
              + "). Send the baggage member checkpoint.replay=<path relative to the source"
              + " folder>#<stable key of the entry checkpoint>.");
    }
    Path file = folder.resolve(inAsset.assetPath()).normalize();
    if (!file.startsWith(folder)) {
      throw new LoadException(
          "The replay key '" + key + "' names a file outside the replay source " + folder + ".");
    }
    Asset asset;
    try {
      asset = assets.computeIfAbsent(file, AssetReplaySource::read);
    } catch (UnreadableAsset e) {
      throw new LoadException(e.getMessage(), e.getCause());
    }
    String stableKey = inAsset.checkpoint().toString();
    for (CheckpointNode node : asset.flatten()) {
      if (node.key().toString().equals(stableKey)) {
        return new RecordedEntry(node, asset.normaliser(), file.toString());
      }
    }
    throw new LoadException(
        "The asset " + file + " has no checkpoint with the stable key '" + stableKey + "'.");
  }

  private static Asset read(Path file) {
    try {
      return AssetFormat.read(file);
    } catch (IOException | AssetFormatException e) {
      throw new UnreadableAsset("Cannot read the asset " + file + ": " + e.getMessage(), e);
    }
  }

  /** Carries a read failure out of {@link Map#computeIfAbsent}, which caches only successes. */
  private static final class UnreadableAsset extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableAsset(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
