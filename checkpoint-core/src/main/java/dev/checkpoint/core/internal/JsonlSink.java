package dev.checkpoint.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Appends checkpoints as JSON Lines: one wire-format object per line. */
public final class JsonlSink implements BatchSink {

  private final OutputStream out;
  private final JsonGenerator generator;

  /**
   * Creates the sink.
   *
   * @param out where lines go; closed with the sink
   * @throws IOException when the generator cannot be created
   */
  public JsonlSink(OutputStream out) throws IOException {
    this.out = out;
    this.generator = JsonCodec.mapper().getFactory().createGenerator(out);
    // Values are separated by the newline written after each one, not by the generator.
    generator.setPrettyPrinter(new MinimalPrettyPrinter(""));
  }

  @Override
  public SinkResult write(List<CheckpointData> batch) {
    try {
      for (CheckpointData checkpoint : batch) {
        WireFormat.write(generator, checkpoint);
        generator.writeRaw('\n');
      }
      generator.flush();
      return SinkResult.OK;
    } catch (IOException e) {
      return SinkResult.retry(0, "writing JSON lines failed: " + e);
    }
  }

  @Override
  public void close() {
    try {
      generator.close();
      out.close();
    } catch (IOException e) {
      // The file is already flushed after every batch; nothing more can be saved here.
    }
  }
}
