package dev.checkpoint.cli.internal.run;

import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetFormatException;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.cli.scenario.Noise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Compares a step's new tree with its committed asset and writes the asset when there is none yet,
 * or when asked to update it. A new tree that differs from the asset only in its noise leaves the
 * file as it is, so that committed assets change only with drift or with new noise rules.
 */
final class DriftDetector {
  private final AssetLayout layout;
  private final boolean update;

  DriftDetector(AssetLayout layout, boolean update) {
    this.layout = layout;
    this.update = update;
  }

  /** Whether any step of the scenario has an asset already. */
  boolean hasAssets(String scenario, List<String> steps) {
    return steps.stream().anyMatch(step -> Files.exists(layout.path(scenario, step)));
  }

  /**
   * The noise rules of one step: the scenario's, and those learned, in this run or before (kept in
   * the committed asset).
   *
   * @param learned noise paths learned in this run
   * @throws RunFailure when the committed asset cannot be read
   */
  NoiseRules noise(String scenario, Noise noise, String step, Set<String> learned) {
    Asset committed = read(layout.path(scenario, step));
    return NoiseRules.of(noise.normalise(), noise.ignore(), committed, learned);
  }

  /**
   * Compares one step.
   *
   * @param rules the step's noise rules, from {@link #noise}
   * @throws RunFailure when the committed asset cannot be read
   */
  StepResult detect(
      String scenario, String step, String traceId, List<CheckpointNode> trees, NoiseRules rules) {
    Path file = layout.path(scenario, step);
    Asset committed = read(file);
    Normaliser normaliser = rules.normaliser();
    Asset fresh = Asset.ofTrees(trees, normaliser);
    if (committed == null) {
      write(fresh, file);
      return new StepResult(step, traceId, StepResult.Status.NEW, file, StepResult.NO_DIFF, true);
    }
    // Noise marked on either side is left out, so a rule newer than the asset needs no re-marking.
    TreeDiff diff = rules.diff().compare(committed.checkpoints(), fresh.checkpoints());
    if (diff.isEmpty()) {
      boolean newRules = update && !committed.normaliser().equals(normaliser);
      if (newRules) {
        // The committed values stay: only the rules and the noise they mark change.
        write(Asset.ofTrees(committed.checkpoints(), normaliser), file);
      }
      return new StepResult(
          step, traceId, StepResult.Status.UNCHANGED, file, StepResult.NO_DIFF, newRules);
    }
    if (update) {
      write(fresh, file);
    }
    return new StepResult(step, traceId, StepResult.Status.DRIFT, file, diff, update);
  }

  private static Asset read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return AssetFormat.read(file);
    } catch (IOException e) {
      throw new RunFailure("Cannot read the asset " + file + ": " + e, e);
    } catch (AssetFormatException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }

  private static void write(Asset asset, Path file) {
    try {
      AssetFormat.write(asset, file);
    } catch (IOException e) {
      throw new RunFailure("Cannot write the asset " + file + ": " + e, e);
    }
  }
}
