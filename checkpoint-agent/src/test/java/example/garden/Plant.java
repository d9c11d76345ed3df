package example.garden;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plant the garden shop sells. */
@Entity
@Table(name = "garden_plant")
public class Plant {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  private int priceCents;

  private int supplierQuantity;

  protected Plant() {}

  Plant(String name, int priceCents, int supplierQuantity) {
    this.name = name;
    this.priceCents = priceCents;
    this.supplierQuantity = supplierQuantity;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public int getPriceCents() {
    return priceCents;
  }

  public int getSupplierQuantity() {
    return supplierQuantity;
  }
}
