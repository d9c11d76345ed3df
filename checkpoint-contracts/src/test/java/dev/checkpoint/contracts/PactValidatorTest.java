package dev.checkpoint.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.contracts.internal.PactValidator;
import org.junit.jupiter.api.Test;

class PactValidatorTest {

  private static ObjectNode pact(String interaction) {
    return (ObjectNode)
        ShopTrees.json(
            "{\"consumer\":{\"name\":\"orders\"},\"provider\":{\"name\":\"payments\"},"
                + "\"interactions\":["
                + interaction
                + "],\"metadata\":{\"pactSpecification\":{\"version\":\"4.0\"}}}");
  }

  @Test
  void aMatcherOnAMissingPathIsRejected() {
    ObjectNode pact =
        pact(
            "{\"type\":\"Synchronous/HTTP\",\"description\":\"pay\",\"request\":{\"method\":\"POST\","
                + "\"path\":\"/payments\",\"body\":{\"content\":{\"a\":1}},\"matchingRules\":"
                + "{\"body\":{\"$.b\":{\"matchers\":[{\"match\":\"type\"}]}}}},"
                + "\"response\":{\"status\":201}}");

    assertThatThrownBy(() -> PactValidator.validate("orders-payments", pact))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("interaction 'pay': request body rule $.b leads to no value");
  }

  @Test
  void aRedactedValueWithoutAMatcherAndARegexTheExampleFailsAreRejected() {
    ObjectNode pact =
        pact(
            "{\"type\":\"Synchronous/HTTP\",\"description\":\"pay\",\"request\":{\"method\":\"POST\","
                + "\"path\":\"/payments\",\"body\":{\"content\":{\"card\":\"[REDACTED]\"}}},"
                + "\"response\":{\"status\":201,\"body\":{\"content\":{\"id\":\"x\"}},"
                + "\"matchingRules\":{\"body\":{\"$.id\":{\"matchers\":[{\"match\":\"regex\","
                + "\"regex\":\"[0-9]+\"}]}}}}}");

    assertThatThrownBy(() -> PactValidator.validate("orders-payments", pact))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("request body $.card is [REDACTED] without a matcher")
        .hasMessageContaining("the example \"x\" does not match its regex [0-9]+");
  }

  @Test
  void anotherSpecificationVersionIsRejected() {
    ObjectNode pact =
        pact(
            "{\"type\":\"Synchronous/HTTP\",\"description\":\"pay\",\"request\":{\"method\":\"GET\","
                + "\"path\":\"/p\"},\"response\":{\"status\":200}}");
    ((ObjectNode) pact.get("metadata").get("pactSpecification")).put("version", "3.0.0");

    assertThatThrownBy(() -> PactValidator.validate("orders-payments", pact))
        .hasMessageStartingWith(
            "The pact orders-payments is not written, since a verifier would reject it:"
                + " metadata.pactSpecification.version is not \"4.0\"");
  }
}
