/**
 * The web UI: server-rendered pages (jte templates under {@code src/main/jte}, compiled at build
 * time) for reviewing runs, trees and checkpoints, comparing runs and exporting test assets, plus
 * the small script and style sheet they share. Every value from a payload reaches the page through
 * jte's HTML escaping or, in the script, as a text node.
 */
package dev.checkpoint.server.internal.ui;
