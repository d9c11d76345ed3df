package dev.checkpoint.demo;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Consumer;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import java.io.IOException;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pact's own JUnit 5 provider verifier, run on the pacts that {@link ContractsDemoTest} exported
 * from the recorded shop, against a running payments service. Not a test of its own (the name keeps
 * Surefire away): {@link ContractsDemoTest} runs it through the JUnit test kit with {@link #target}
 * set, and reads its results.
 */
@Provider("payments")
@Consumer("orders")
@PactFolder(ContractsDemoTest.PACTS)
class PaymentsProviderVerification {

  /** The payments service to verify, {@code http://127.0.0.1:port}; the test sets it. */
  static volatile int target;

  /*
   * The recording redacted the card number ([REDACTED] in the pact, matched by type), so the
   * verifying side supplies a real one, by provider state, as it would supply a credential.
   */
  private static final Map<String, String> CARDS =
      Map.of("place-order", "4111111111111111", "declined-card", "4000000000000002");

  @BeforeEach
  void target(PactVerificationContext context) {
    Assumptions.assumeTrue(target > 0, "run by ContractsDemoTest");
    context.setTarget(new HttpTestTarget("127.0.0.1", target));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void verify(PactVerificationContext context, HttpRequest request)
      throws IOException, ParseException {
    String state = context.getInteraction().getProviderStates().get(0).getName();
    if (request instanceof ClassicHttpRequest classic && classic.getEntity() != null) {
      String body = EntityUtils.toString(classic.getEntity());
      classic.setEntity(
          new StringEntity(
              body.replace("[REDACTED]", CARDS.getOrDefault(state, "4111111111111111")),
              ContentType.APPLICATION_JSON));
    }
    context.verifyInteraction();
  }

  @State("place-order")
  void anyCardIsAccepted() {
    // The demo's payments service needs no set-up: the card number decides.
  }

  @State("declined-card")
  void theCardEndingIn0002IsDeclined() {
    // The demo's payments service needs no set-up: the card number decides.
  }
}
