INSERT INTO product (sku, name, price) VALUES ('A-1', 'Anvil', 1250);
