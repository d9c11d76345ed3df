package dev.checkpoint.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorded checkpoints prepared to be committed as a test asset: values as recorded with their
 * noise marked beside them, without volatile fields, with stable keys. Write and read assets with
 * {@link AssetFormat}.
 *
 * <p>An asset holds one tree, a subtree, or the recorded calls of one component (every checkpoint
 * of one name, each with its subtree), as its {@linkplain #scope() scope} says, together with the
 * {@linkplain #normaliser() normaliser} that was applied, so that a new run can be normalised the
 * same way before it is compared with the asset.
 */
public final class Asset {

  /** What part of the recording an asset holds. */
  public enum Scope {
    /** A whole tree, or several trees of one scenario step. */
    TREE,
    /** One checkpoint with its descendants. */
    SUBTREE,
    /** Every recorded call of one component, each with its descendants. */
    COMPONENT
  }

  private final Scope scope;
  private final String component;
  private final Normaliser normaliser;
  private final List<CheckpointNode> checkpoints;

  private Asset(
      Scope scope, String component, Normaliser normaliser, List<CheckpointNode> checkpoints) {
    this.scope = scope;
    this.component = component;
    this.normaliser = normaliser;
    this.checkpoints = checkpoints;
  }

  /**
   * An asset of whole trees.
   *
   * @param roots the roots, as from {@link CheckpointTrees#assemble}
   * @param normaliser what marks the noise
   * @return the asset
   */
  public static Asset ofTrees(List<CheckpointNode> roots, Normaliser normaliser) {
    return create(Scope.TREE, null, roots, normaliser);
  }

  /**
   * An asset of one checkpoint and its descendants; keys stay those of the whole tree.
   *
   * @param root the checkpoint
   * @param normaliser what marks the noise
   * @return the asset
   */
  public static Asset ofSubtree(CheckpointNode root, Normaliser normaliser) {
    return create(Scope.SUBTREE, null, List.of(Objects.requireNonNull(root, "root")), normaliser);
  }

  /**
   * An asset of the recorded calls of one component: every checkpoint named {@code name} in the
   * trees, as found by {@link CheckpointTrees#calls}.
   *
   * @param name the checkpoint name, such as {@code PaymentService.authorize}
   * @param roots the trees to take the calls from
   * @param normaliser what marks the noise
   * @return the asset, empty when no call has that name
   */
  public static Asset ofComponent(String name, List<CheckpointNode> roots, Normaliser normaliser) {
    Objects.requireNonNull(name, "name");
    return create(Scope.COMPONENT, name, CheckpointTrees.calls(roots, name), normaliser);
  }

  static Asset create(
      Scope scope, String component, List<CheckpointNode> nodes, Normaliser normaliser) {
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(normaliser, "normaliser");
    List<CheckpointNode> normalised = new ArrayList<>(nodes.size());
    for (CheckpointNode node : normaliser.normalise(nodes)) {
      normalised.add(withoutIds(node));
    }
    return new Asset(scope, component, normaliser, List.copyOf(normalised));
  }

  static Asset restored(
      Scope scope, String component, Normaliser normaliser, List<CheckpointNode> checkpoints) {
    return new Asset(scope, component, normaliser, List.copyOf(checkpoints));
  }

  private static CheckpointNode withoutIds(CheckpointNode node) {
    List<CheckpointNode> children = new ArrayList<>(node.children().size());
    for (CheckpointNode child : node.children()) {
      children.add(withoutIds(child));
    }
    return node.with(node.noise(), children, false);
  }

  /**
   * What part of the recording this asset holds.
   *
   * @return the scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * The component name of a {@link Scope#COMPONENT} asset.
   *
   * @return the checkpoint name the calls share; empty for other scopes
   */
  public Optional<String> component() {
    return Optional.ofNullable(component);
  }

  /**
   * The normaliser that marked the noise; mark a new run's noise with it before comparing.
   *
   * @return the normaliser
   */
  public Normaliser normaliser() {
    return normaliser;
  }

  /**
   * The top-level checkpoints: the roots, the subtree's root or the component's calls.
   *
   * @return an unmodifiable list, each node with its descendants
   */
  public List<CheckpointNode> checkpoints() {
    return checkpoints;
  }

  /**
   * Every checkpoint of the asset, parents before children.
   *
   * @return a new list
   */
  public List<CheckpointNode> flatten() {
    List<CheckpointNode> all = new ArrayList<>();
    for (CheckpointNode node : checkpoints) {
      all.addAll(node.flatten());
    }
    return all;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Asset that
        && scope == that.scope
        && Objects.equals(component, that.component)
        && normaliser.equals(that.normaliser)
        && checkpoints.equals(that.checkpoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, component, normaliser, checkpoints);
  }

  @Override
  public String toString() {
    return "Asset["
        + scope
        + (component == null ? "" : " " + component)
        + ", "
        + checkpoints.size()
        + " checkpoints]";
  }
}
