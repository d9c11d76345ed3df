/**
 * Contracts from recorded traffic: the interactions of each consumer–provider pair seen in recorded
 * trees, written as Pact V4 files and WireMock mappings, and the consumers a provider's new
 * behaviour breaks.
 *
 * <ul>
 *   <li>{@link dev.checkpoint.contracts.Contracts} derives the {@link
 *       dev.checkpoint.contracts.Interaction}s from {@link dev.checkpoint.contracts.Recording}s: a
 *       consumer's {@code HTTP_CLIENT} checkpoint with the provider's {@code HTTP_SERVER} under it,
 *       or a {@code MESSAGE_PUBLISH} with a {@code MESSAGE_CONSUME} under it.
 *   <li>{@link dev.checkpoint.contracts.PactExport} writes one validated Pact V4 file per pair;
 *       {@link dev.checkpoint.contracts.WireMockExport} writes the stub mappings of one service's
 *       outbound calls. Noise becomes matchers; redacted values never appear.
 *   <li>{@link dev.checkpoint.contracts.Impact} compares recorded interactions with a provider's
 *       new answers and names the consumers, interactions, fields and consumer checkpoints
 *       affected.
 * </ul>
 *
 * <pre>{@code
 * Contracts contracts = Contracts.of(List.of(Recording.ofStep("place-order", asset.checkpoints())));
 * for (Map.Entry<String, String> file : PactExport.files(contracts).entrySet()) {
 *   Files.writeString(pacts.resolve(file.getKey()), file.getValue());
 * }
 * }</pre>
 */
package dev.checkpoint.contracts;
