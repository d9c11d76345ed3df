package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.model.CheckpointData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Finding checkpoints in what a test's exporter holds. */
public final class Trees {

  private Trees() {}

  /**
   * The checkpoints of a name.
   *
   * @param checkpoints where to look
   * @param name the name
   * @return those named so, in order
   */
  public static List<CheckpointData> named(List<CheckpointData> checkpoints, String name) {
    return checkpoints.stream().filter(c -> c.name().equals(name)).toList();
  }

  /**
   * The one checkpoint of a name, failing the test when there is not exactly one.
   *
   * @param checkpoints where to look
   * @param name the name
   * @return the checkpoint
   */
  public static CheckpointData only(List<CheckpointData> checkpoints, String name) {
    List<CheckpointData> found = named(checkpoints, name);
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  /**
   * The ids of checkpoints.
   *
   * @param checkpoints the checkpoints
   * @return their ids
   */
  public static Set<String> ids(List<CheckpointData> checkpoints) {
    return checkpoints.stream().map(CheckpointData::id).collect(Collectors.toSet());
  }
}
