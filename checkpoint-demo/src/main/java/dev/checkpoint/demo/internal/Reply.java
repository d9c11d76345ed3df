package dev.checkpoint.demo.internal;

/**
 * What a route answers: a status and a body written as JSON.
 *
 * @param status the HTTP status
 * @param body the body, written as JSON
 */
public record Reply(int status, Object body) {

  /** 200 with a body. */
  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  /** 201 with a body. */
  public static Reply created(Object body) {
    return new Reply(201, body);
  }

  /** An error status with {@code {"error", "detail"}}. */
  public static Reply error(int status, String error, String detail) {
    return new Reply(status, Json.error(error, detail));
  }
}
