package dev.checkpoint.server.internal.ui;

import dev.checkpoint.server.internal.http.QueryParameters;
import dev.checkpoint.server.internal.http.RequestOrigin;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.StorageUnavailableException;
import dev.checkpoint.server.internal.trees.AssetExport;
import dev.checkpoint.server.internal.trees.ContractExport;
import dev.checkpoint.server.internal.trees.RecordedTrees;
import dev.checkpoint.server.internal.trees.SelectionException;
import dev.checkpoint.server.internal.trees.TreeComparison;
import dev.checkpoint.server.internal.trees.TreeReads;
import dev.checkpoint.server.internal.ui.PageModels.ErrorPage;
import dev.checkpoint.server.internal.ui.PageModels.LoginPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's routes under {@code /ui}: runs, a run, a tree, a checkpoint, search, compare and
 * export, each page a deep link. {@code /} leads to the runs.
 */
public final class WebUi {
  private static final Logger log = LoggerFactory.getLogger(WebUi.class);
  private static final Map<String, String> STATIC_TYPES =
      Map.of(
          "checkpoint.js", "text/javascript; charset=utf-8",
          "checkpoint.css", "text/css; charset=utf-8");

  private final UiSession session;
  private final RequestOrigin origin;
  private final Map<String, byte[]> staticFiles;

  private WebUi(UiSession session, RequestOrigin origin) {
    this.session = session;
    this.origin = origin;
    this.staticFiles =
        STATIC_TYPES.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, WebUi::resource));
  }

  /**
   * Adds the UI's routes.
   *
   * @param authEnabled whether the server has tokens; then the UI asks for a read token
   * @param readTokens the tokens that may read
   */
  public static void register(
      RoutesConfig routes,
      CheckpointStore store,
      TreeReads reads,
      RequestOrigin origin,
      boolean authEnabled,
      Set<String> readTokens) {
    WebUi ui = new WebUi(new UiSession(authEnabled, readTokens, store, Clock.systemUTC()), origin);
    RecordedTrees recorded = new RecordedTrees(store, reads);
    RunPages runs = new RunPages(store);
    TreePages trees = new TreePages(store, reads);
    SearchPages search = new SearchPages(store);
    Comparison comparison = new Comparison(store, new TreeComparison(recorded));
    ExportPages export = new ExportPages(new AssetExport(recorded), new ContractExport(recorded));
    routes.get("/", ctx -> ctx.redirect("/ui/runs", HttpStatus.FOUND));
    routes.get("/ui", ctx -> ctx.redirect("/ui/runs", HttpStatus.FOUND));
    routes.get("/ui/", ctx -> ctx.redirect("/ui/runs", HttpStatus.FOUND));
    routes.get("/ui/static/{file}", ui::staticFile);
    routes.get("/ui/login", ui.open(ui::loginForm));
    routes.post("/ui/login", ui.open(ui::login));
    routes.post("/ui/logout", ui.open(ui::logout));
    routes.get("/ui/runs", ui.guarded(runs::runs));
    routes.get("/ui/runs/{runId}", ui.guarded(runs::run));
    routes.get("/ui/traces/{traceId}", ui.guarded(trees::tree));
    routes.get("/ui/traces/{traceId}/checkpoints/{checkpointId}", ui.guarded(trees::checkpoint));
    routes.get(
        "/ui/data/traces/{traceId}/checkpoints/{checkpointId}", ui.guarded(trees::checkpointData));
    routes.get("/ui/search", ui.guarded(search::search));
    routes.get("/ui/compare", ui.guarded(comparison::compare));
    routes.get("/ui/export", ui.guarded(export::export));
  }

  private Handler guarded(Handler page) {
    return open(
        ctx -> {
          if (!session.admits(ctx)) {
            ctx.redirect(
                "/ui/login?next=" + Format.encode(ctx.path() + query(ctx)), HttpStatus.SEE_OTHER);
            return;
          }
          page.handle(ctx);
        });
  }

  /** Turns failures into error pages: never a stack trace, always what to do. */
  private Handler open(Handler page) {
    return ctx -> {
      Optional<RequestOrigin.Refusal> refused = origin.refusal(ctx);
      if (refused.isPresent()) {
        error(ctx, refused.get().status(), "Refused", refused.get().detail());
        return;
      }
      Optional<QueryParameters.Unsearchable> unsearchable = QueryParameters.unsearchable(ctx);
      if (unsearchable.isPresent()) {
        error(ctx, 400, "Cannot search for this", unsearchable.get().detail());
        return;
      }
      try {
        page.handle(ctx);
      } catch (UiException e) {
        error(ctx, e.status(), e.title(), e.getMessage());
      } catch (SelectionException e) {
        switch (e.problem()) {
          case NOT_FOUND -> error(ctx, 404, "Not found", e.getMessage());
          case INVALID -> error(ctx, 400, "Cannot show this", e.getMessage());
          case TOO_LARGE -> error(ctx, 422, "Too large to show", e.getMessage());
          case BUSY -> error(ctx, 503, "Busy", e.getMessage());
        }
      } catch (StorageUnavailableException e) {
        log.warn(
            "event=storage_unavailable path={} error=\"{}\"",
            ctx.path(),
            e.getMessage(),
            e.getCause());
        error(ctx, 503, "Database unavailable", e.getMessage() + " Try again in a moment.");
      } catch (Exception e) {
        log.error("event=ui_error path={}", ctx.path(), e);
        error(
            ctx,
            500,
            "Something went wrong",
            "The server failed to show this page; its log has the details.");
      }
    };
  }

  private static void error(Context ctx, int status, String title, String detail) {
    UiRender.page(ctx, status, "error.jte", new ErrorPage(status, title, detail));
  }

  private static String query(Context ctx) {
    String query = ctx.queryString();
    return query == null ? "" : "?" + query;
  }

  private void loginForm(Context ctx) {
    if (!session.loginRequired()) {
      ctx.redirect("/ui/runs", HttpStatus.SEE_OTHER);
      return;
    }
    UiRender.page(
        ctx, "login.jte", new LoginPage(UiSession.safeNext(ctx.queryParam("next")), null));
  }

  private void login(Context ctx) {
    String next = UiSession.safeNext(ctx.formParam("next"));
    String token = ctx.formParam("token");
    if (!session.loginRequired()) {
      ctx.redirect(next, HttpStatus.SEE_OTHER);
      return;
    }
    if (!session.accepts(token == null ? null : token.trim())) {
      UiRender.page(
          ctx,
          401,
          "login.jte",
          new LoginPage(
              next,
              "This token is not a read token of this server. Check the server's"
                  + " auth.read-tokens."));
      return;
    }
    session.start(ctx, token.trim());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    session.end(ctx);
    ctx.redirect(session.loginRequired() ? "/ui/login" : "/ui/runs", HttpStatus.SEE_OTHER);
  }

  private void staticFile(Context ctx) {
    String file = ctx.pathParam("file");
    byte[] content = staticFiles.get(file);
    if (content == null) {
      error(ctx, 404, "Not found", "There is no file " + file + " in the UI.");
      return;
    }
    UiRender.secure(ctx);
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(STATIC_TYPES.get(file)).result(content);
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebUi.class.getResourceAsStream("/ui/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The UI resource /ui/static/" + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
