/** Implementation of {@code dev.checkpoint.assets}; not an API, may change in any release. */
package dev.checkpoint.assets.internal;
