package dev.checkpoint.server.internal.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The pages' jte templates, compiled to classes by the build (jte-maven-plugin), so the server
 * needs no compiler and a template error fails the build rather than a request.
 */
final class Templates {
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "dev.checkpoint.server.internal.ui.templates");

  private Templates() {}

  /** Renders the template (such as {@code runs.jte}) with its one parameter. */
  static String render(String template, Object model) {
    StringOutput output = new StringOutput();
    ENGINE.render(template, model, output);
    return output.toString();
  }
}
