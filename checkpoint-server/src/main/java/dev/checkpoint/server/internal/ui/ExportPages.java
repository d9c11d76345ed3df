package dev.checkpoint.server.internal.ui;

import dev.checkpoint.server.internal.trees.AssetExport;
import dev.checkpoint.server.internal.trees.ContractExport;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The UI's export links: {@code ?trace=}, {@code ?trace=&checkpoint=}, {@code ?run=} or {@code
 * ?run=&component=}, downloaded as the file {@link AssetExport} writes; with {@code &format=pact}
 * or {@code &format=wiremock}, the contracts of the tree or run that {@link ContractExport} writes.
 */
final class ExportPages {
  private final AssetExport export;
  private final ContractExport contracts;

  ExportPages(AssetExport export, ContractExport contracts) {
    this.export = export;
    this.contracts = contracts;
  }

  void export(Context ctx) {
    String format = Pagination.param(ctx, "format");
    AssetExport.ExportFile file =
        format == null || format.equals("assets")
            ? export.export(AssetExport.Selection.of(name -> Pagination.param(ctx, name)))
            : contracts.export(
                contractFormat(format),
                Pagination.param(ctx, "trace"),
                Pagination.param(ctx, "run"),
                Pagination.param(ctx, "service"));
    UiRender.secure(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
    ctx.contentType(file.contentType()).result(file.content());
  }

  private static ContractExport.Format contractFormat(String format) {
    try {
      return ContractExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UiException(
          400,
          "Cannot export this",
          "Unknown export format " + format + ": the formats are assets, pact and wiremock.");
    }
  }
}
