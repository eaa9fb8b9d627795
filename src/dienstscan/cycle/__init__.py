"""The next PDCA cycle: a new scan from the last one, comparisons between scans, benchmarks from many scans. No Qt."""
