package dev.checkpoint.instrumentation.testkit;

/**
 * A client under test, instrumented with the recorder the test kit gave it. Implementations send
 * the request the way an application would and hand back what the application received; they let
 * the client's exceptions through unchanged.
 */
public interface HttpTestClient extends AutoCloseable {

  /**
   * Sends a request and reads the whole response.
   *
   * @param request the request
   * @return the response as the application saw it
   * @throws Exception whatever the client threw
   */
  TestResponse execute(TestRequest request) throws Exception;

  @Override
  default void close() throws Exception {}
}
