/** Implementation of {@code dev.checkpoint.contracts}; not an API, may change in any release. */
package dev.checkpoint.contracts.internal;
