-- A nightly batch job: load a CSV into a fresh table, aggregate, export a report, vacuum.
.bail on
.headers on
CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT, amount REAL, day TEXT);
DELETE FROM orders;
.mode csv
.import --skip 1 input/orders.csv orders
.mode list
BEGIN;
CREATE TABLE IF NOT EXISTS daily (day TEXT PRIMARY KEY, total REAL, n INTEGER);
DELETE FROM daily;
INSERT INTO daily SELECT day, round(sum(amount), 2), count(*) FROM orders GROUP BY day;
COMMIT;
.output out/daily_report.csv
.mode csv
SELECT * FROM daily ORDER BY day;
.output stdout
.mode list
SELECT 'rows: ' || count(*) FROM orders;
VACUUM;
