"""The app's views, one module each: overview, search, report, compare, audit, export."""
