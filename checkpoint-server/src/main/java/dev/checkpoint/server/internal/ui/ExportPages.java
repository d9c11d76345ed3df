package dev.checkpoint.server.internal.ui;

import dev.checkpoint.server.internal.trees.AssetExport;
import io.javalin.http.Context;

/**
 * The UI's export links: {@code ?trace=}, {@code ?trace=&checkpoint=}, {@code ?run=} or {@code
 * ?run=&component=}, downloaded as the file {@link AssetExport} writes.
 */
final class ExportPages {
  private final AssetExport export;

  ExportPages(AssetExport export) {
    this.export = export;
  }

  void export(Context ctx) {
    AssetExport.ExportFile file =
        export.export(AssetExport.Selection.of(name -> Pagination.param(ctx, name)));
    UiRender.secure(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
    ctx.contentType(file.contentType()).result(file.content());
  }
}
