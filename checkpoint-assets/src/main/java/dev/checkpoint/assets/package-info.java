/**
 * Test assets: recorded checkpoints as canonical, diff-friendly JSON, and the structural diff that
 * finds drift between a recording and the committed assets.
 *
 * <ul>
 *   <li>{@link dev.checkpoint.assets.CheckpointTrees} links recorded (wire-format) checkpoints into
 *       trees of {@link dev.checkpoint.assets.CheckpointNode}s, each with a stable {@link
 *       dev.checkpoint.assets.CheckpointKey}.
 *   <li>{@link dev.checkpoint.assets.Normaliser} marks noise (timestamps, UUIDs, generated ids,
 *       durations, configured {@link dev.checkpoint.assets.NormalisationRule}s) beside the recorded
 *       values, with placeholders; a {@link dev.checkpoint.assets.NoisyValue} is a value with its
 *       noise.
 *   <li>{@link dev.checkpoint.assets.Asset} is a tree, subtree or component's calls with its noise;
 *       {@link dev.checkpoint.assets.AssetFormat} reads and writes it, {@link
 *       dev.checkpoint.assets.AssetLayout} says where it lives.
 *   <li>{@link dev.checkpoint.assets.StructuralDiff} compares trees or JSON values into a {@link
 *       dev.checkpoint.assets.TreeDiff} or {@link dev.checkpoint.assets.ValueDiff}, which {@link
 *       dev.checkpoint.assets.DiffRenderer} renders as text or Markdown.
 * </ul>
 *
 * <pre>{@code
 * List<CheckpointNode> trees = CheckpointTrees.assemble(recordedCheckpoints);
 * Asset fresh = Asset.ofTrees(trees, committed.normaliser());
 * TreeDiff drift = StructuralDiff.defaults().compare(committed, fresh);
 * if (!drift.isEmpty()) {
 *   System.out.print(DiffRenderer.text(drift, DiffRenderer.colourSupported()));
 *   AssetFormat.write(fresh, AssetLayout.defaults().path("checkout", "pay by card"));
 * }
 * }</pre>
 */
package dev.checkpoint.assets;
