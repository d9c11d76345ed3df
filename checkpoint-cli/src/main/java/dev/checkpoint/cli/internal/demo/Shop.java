package dev.checkpoint.cli.internal.demo;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.Context;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A small in-process shop whose components are plain interfaces wrapped with {@link
 * Checkpoints#wrap}: each call through them becomes a METHOD checkpoint.
 */
public final class Shop {

  /** A line of an order. */
  public record Line(String sku, int quantity) {}

  /** What a customer sends. */
  public record OrderRequest(String customer, List<Line> lines, String cardNumber) {}

  /** A catalogue entry. */
  public record Product(String sku, String name, BigDecimal price) {}

  /** A charge to authorise. */
  public record Payment(String customer, BigDecimal amount, String cardNumber) {}

  /** The gateway's answer. */
  public record PaymentResult(String status, String authorisation, double fraudScore) {}

  /** What the customer gets back. */
  public record Confirmation(String orderId, BigDecimal total, String payment, String shipment) {}

  /** Raised for an unknown product. */
  public static final class UnknownProductException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownProductException(String sku) {
      super("No product with sku " + sku);
    }
  }

  /** Looks products up. */
  public interface Catalog {
    /**
     * Finds a product.
     *
     * @param sku the product code
     * @return the product
     */
    @Checkpoint
    Product find(String sku);
  }

  /** Scores payments for fraud. */
  public interface FraudScorer {
    /**
     * Scores a payment.
     *
     * @param payment the payment
     * @return 0 (fine) to 1 (fraud)
     */
    @Checkpoint("FraudScorer.score")
    double score(Payment payment);
  }

  /** Charges cards. */
  public interface PaymentGateway {
    /**
     * Authorises a payment.
     *
     * @param payment the payment; its card number is redacted in the recording
     * @return the result
     */
    @Checkpoint
    PaymentResult charge(Payment payment);
  }

  /** Plans shipments. */
  public interface Shipping {
    /**
     * Schedules a shipment.
     *
     * @param orderId the order
     * @param lines what to ship
     * @return the shipment id
     */
    @Checkpoint
    String schedule(String orderId, List<Line> lines);
  }

  /** Takes orders. */
  public interface OrderService {
    /**
     * Places an order.
     *
     * @param request the order
     * @return the confirmation
     */
    @Checkpoint
    Confirmation place(OrderRequest request);
  }

  private Shop() {}

  /**
   * Wires the shop's components, each wrapped so its calls are recorded.
   *
   * @param executor runs shipping asynchronously; wrapped so shipping joins the order's tree
   * @return the order service
   */
  public static OrderService create(ExecutorService executor) {
    Map<String, Product> products =
        Map.of(
            "BOOK-1", new Product("BOOK-1", "The Checkpoint Handbook", new BigDecimal("24.90")),
            "MUG-2", new Product("MUG-2", "Drift Mug", new BigDecimal("9.50")));
    Catalog catalog =
        Checkpoints.wrap(
            Catalog.class,
            sku -> {
              Product product = products.get(sku);
              if (product == null) {
                throw new UnknownProductException(sku);
              }
              return product;
            });
    FraudScorer fraud =
        Checkpoints.wrap(
            FraudScorer.class,
            payment -> payment.amount().compareTo(new BigDecimal("100")) > 0 ? 0.7 : 0.05);
    PaymentGateway gateway =
        Checkpoints.wrap(
            PaymentGateway.class,
            payment -> {
              double score = fraud.score(payment);
              boolean declined = payment.cardNumber().endsWith("0002") || score > 0.5;
              return new PaymentResult(
                  declined ? "DECLINED" : "AUTHORISED",
                  declined ? null : "AUTH-" + Math.abs(payment.cardNumber().hashCode() % 100000),
                  score);
            });
    Shipping shipping =
        Checkpoints.wrap(Shipping.class, (orderId, lines) -> "SHIP-" + orderId.substring(4));
    ExecutorService propagating = Context.wrap(executor);
    return Checkpoints.wrap(
        OrderService.class,
        request -> {
          BigDecimal total = BigDecimal.ZERO;
          for (Line line : request.lines()) {
            total =
                total.add(
                    catalog.find(line.sku()).price().multiply(new BigDecimal(line.quantity())));
          }
          PaymentResult result =
              gateway.charge(new Payment(request.customer(), total, request.cardNumber()));
          String orderId = "ORD-" + Math.abs((request.customer() + total).hashCode() % 10000);
          if (!"AUTHORISED".equals(result.status())) {
            Checkpoints.current().setAttribute("declined", true);
            return new Confirmation(orderId, total, result.status(), null);
          }
          String shipment =
              CompletableFuture.supplyAsync(
                      () -> shipping.schedule(orderId, request.lines()), propagating)
                  .join();
          return new Confirmation(orderId, total, result.status(), shipment);
        });
  }
}
