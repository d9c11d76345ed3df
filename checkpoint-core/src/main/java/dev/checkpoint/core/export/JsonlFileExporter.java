package dev.checkpoint.core.export;

import dev.checkpoint.core.internal.BatchExportProcessor;
import dev.checkpoint.core.internal.JsonlSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends checkpoints to a JSON Lines file (one wire-format object per line), for offline use and
 * tests. Writes happen on the exporter's own thread, with the same bounded queue as the HTTP
 * exporter.
 */
public final class JsonlFileExporter {

  private JsonlFileExporter() {}

  /**
   * Appends to a file, creating it and its parent directories.
   *
   * @param file the file
   * @return the running exporter
   * @throws UncheckedIOException when the file cannot be opened
   */
  public static CheckpointExporter create(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return create(
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          ExportSettings.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open the checkpoint file "
              + file.toAbsolutePath()
              + " for appending: "
              + e.getMessage()
              + ". Point CHECKPOINT_JSONL_PATH at a writable location.",
          e);
    }
  }

  /**
   * Writes to a stream, which the exporter closes on shutdown.
   *
   * @param out the stream
   * @param settings queue bounds and timing
   * @return the running exporter
   */
  public static CheckpointExporter create(OutputStream out, ExportSettings settings) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(settings, "settings");
    try {
      return new BatchExportProcessor("jsonl", new JsonlSink(out), settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
