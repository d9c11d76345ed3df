/**
 * How a call made during replay is matched with a recorded one: the ledger of a replayed test's or
 * entry request's recorded calls, and the views of HTTP, SQL, message and method calls that are
 * compared. Shared by the JUnit replay and the replay mode of the recording library, so that both
 * match, and explain a call that matches nothing, the same way.
 */
package dev.checkpoint.assets.replay;
