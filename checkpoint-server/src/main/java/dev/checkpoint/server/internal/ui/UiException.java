package dev.checkpoint.server.internal.ui;

/** A request the UI answers with an error page: its status, a title and what to do. */
final class UiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  UiException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static UiException notFound(String detail) {
    return new UiException(404, "Not found", detail);
  }

  static UiException badRequest(String detail) {
    return new UiException(400, "Cannot show this", detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }
}
