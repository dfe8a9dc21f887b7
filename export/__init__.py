"""Output stage: Documents as JSON, flat tables (CSV, Parquet) and a terminal spot-check view."""
