//! Functions exported to JavaScript for the benchmark command (bench/run.mjs).
