package dev.checkpoint.server.internal.ui;

import dev.checkpoint.Kind;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointQuery;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.ui.PageModels.Pager;
import dev.checkpoint.server.internal.ui.PageModels.SearchPage;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Search across runs by service, kind, name and text inside payloads. */
final class SearchPages {
  private static final int RESULTS_PER_PAGE = 50;
  private static final int MIN_TEXT = 3;
  private static final List<String> KINDS = Arrays.stream(Kind.values()).map(Kind::name).toList();

  private final CheckpointStore store;

  SearchPages(CheckpointStore store) {
    this.store = store;
  }

  void search(Context ctx) {
    String service = Pagination.param(ctx, "service");
    String kind = Pagination.param(ctx, "kind");
    String name = Pagination.param(ctx, "name");
    String text = Pagination.param(ctx, "text");
    int offset = Pagination.offset(ctx);
    boolean searched = service != null || kind != null || name != null || text != null;
    String error = null;
    if (kind != null && Kind.parse(kind).isEmpty()) {
      error = "Kind must be " + Kind.RULE + ".";
    } else if (text != null && text.codePointCount(0, text.length()) < MIN_TEXT) {
      error =
          "Search for text of at least "
              + MIN_TEXT
              + " characters: shorter text matches everything.";
    }
    List<Checkpoint> found =
        searched && error == null
            ? store.search(
                new CheckpointQuery(null, service, kind, name, null, null, text),
                RESULTS_PER_PAGE + 1,
                offset)
            : List.of();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("service", service);
    query.put("kind", kind);
    query.put("name", name);
    query.put("text", text);
    Pager pager = Pagination.pager("/ui/search", query, offset, RESULTS_PER_PAGE, found.size());
    UiRender.page(
        ctx,
        "search.jte",
        new SearchPage(
            service,
            kind,
            name,
            text,
            KINDS,
            error,
            searched,
            found.stream().limit(RESULTS_PER_PAGE).toList(),
            pager));
  }
}
