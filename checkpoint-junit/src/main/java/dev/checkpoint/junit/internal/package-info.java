/** Implementation of {@code dev.checkpoint.junit}; not an API, may change in any release. */
package dev.checkpoint.junit.internal;
