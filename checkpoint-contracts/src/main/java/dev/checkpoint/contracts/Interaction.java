package dev.checkpoint.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoisyValue;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One consumer–provider exchange seen in a recorded tree, as contracts are made of it.
 *
 * <p>Its {@linkplain #example() example} is what was exchanged, in one shape for every export:
 *
 * <ul>
 *   <li>{@link Type#HTTP}: {@code {"request": {"method", "path", "query": {name: [values]},
 *       "headers": {name: value}, "body"}, "response": {"status", "headers", "body"}}}, taken from
 *       the consumer's {@code HTTP_CLIENT} checkpoint, as the consumer sent and read it. Headers
 *       are the lower-case {@code content-type} and {@code accept} only: the others are transport
 *       detail or carry per-call values.
 *   <li>{@link Type#MESSAGE}: {@code {"contents", "metadata": {"exchange", "routingKey",
 *       "contentType"}}}, taken from the provider's {@code MESSAGE_PUBLISH} checkpoint.
 * </ul>
 *
 * <p>The example keeps the recorded values; its {@linkplain #noise() noise} (JSON Pointers into the
 * example, with placeholders) and its {@linkplain #redacted() redacted} places say where a contract
 * must match by type or pattern instead of by value.
 */
public final class Interaction {

  /** How the two services exchanged data. */
  public enum Type {
    /** A synchronous HTTP request and its response. */
    HTTP,
    /** An asynchronous message, published by the provider and consumed by the consumer. */
    MESSAGE
  }

  private final Type type;
  private final String consumer;
  private final String provider;
  private final String state;
  private final String description;
  private final ObjectNode example;
  private final SortedMap<String, String> noise;
  private final SortedSet<String> redacted;
  private final CheckpointNode call;
  private final List<CheckpointNode> readers;

  Interaction(
      Type type,
      String consumer,
      String provider,
      String state,
      String description,
      ObjectNode example,
      SortedMap<String, String> noise,
      SortedSet<String> redacted,
      CheckpointNode call,
      List<CheckpointNode> readers) {
    this.type = type;
    this.consumer = consumer;
    this.provider = provider;
    this.state = state;
    this.description = description;
    this.example = example;
    this.noise = Collections.unmodifiableSortedMap(new TreeMap<>(noise));
    this.redacted = Collections.unmodifiableSortedSet(new TreeSet<>(redacted));
    this.call = call;
    this.readers = List.copyOf(readers);
  }

  Interaction describedAs(String newDescription) {
    return new Interaction(
        type, consumer, provider, state, newDescription, example, noise, redacted, call, readers);
  }

  /**
   * HTTP or message.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The service that called, or that consumed the message.
   *
   * @return the consumer's service name
   */
  public String consumer() {
    return consumer;
  }

  /**
   * The service that answered, or that published the message.
   *
   * @return the provider's service name
   */
  public String provider() {
    return provider;
  }

  /**
   * The provider state: the scenario step's name, or the entry checkpoint's name and status for
   * trees recorded outside a step.
   *
   * @return the state
   */
  public String state() {
    return state;
  }

  /**
   * A description unique within the pair, such as {@code POST /payments (place-order)}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * What was exchanged, in the shape the class documentation gives.
   *
   * @return a copy of the example, with the recorded values
   */
  public ObjectNode example() {
    return example.deepCopy();
  }

  /**
   * The noise in the example.
   *
   * @return JSON Pointers into the example (such as {@code /response/body/paymentId}) to their
   *     placeholders (such as {@code <uuid>}); unmodifiable
   */
  public SortedMap<String, String> noise() {
    return noise;
  }

  /**
   * Where the recording redacted a secret, whose value is {@code [REDACTED]} in the example.
   *
   * @return JSON Pointers into the example; unmodifiable
   */
  public SortedSet<String> redacted() {
    return redacted;
  }

  /**
   * The part of the example under one of its fields, with its noise and redacted places marked as
   * noise ({@code [REDACTED]} as the placeholder), for comparing.
   *
   * @param pointer a JSON Pointer into the example, such as {@code /response}
   * @return the value there, or a missing node, with its noise
   */
  public NoisyValue value(String pointer) {
    Objects.requireNonNull(pointer, "pointer");
    JsonNode value = example.at(pointer);
    TreeMap<String, String> marks = new TreeMap<>();
    noise.forEach(
        (place, placeholder) -> {
          if (place.equals(pointer) || place.startsWith(pointer + "/")) {
            marks.put(place.substring(pointer.length()), placeholder);
          }
        });
    for (String place : redacted) {
      if (place.equals(pointer) || place.startsWith(pointer + "/")) {
        marks.put(place.substring(pointer.length()), "[REDACTED]");
      }
    }
    return NoisyValue.of(value, marks);
  }

  /**
   * The checkpoint the interaction was taken from: the consumer's {@code HTTP_CLIENT}, or the
   * provider's {@code MESSAGE_PUBLISH}.
   *
   * @return the checkpoint, with its subtree
   */
  public CheckpointNode call() {
    return call;
  }

  /**
   * The consumer's own checkpoints that came after the exchange and may have used what it received:
   * after an HTTP call, the consumer's checkpoints that follow it in its tree; after a message, the
   * consumer's checkpoints under the consume.
   *
   * @return the checkpoints, in tree order
   */
  public List<CheckpointNode> readers() {
    return readers;
  }

  @Override
  public String toString() {
    return consumer + " -> " + provider + ": " + description;
  }
}
