INSERT INTO garden_plant (name, price_cents, supplier_quantity) VALUES ('Rose', 900, 12);
