// Package forecast reads the tables analysts already keep for spatial
// forecasting — Bueno de Mesquita's expected-utility table (actor,
// capability, position, salience) and KAPSARC KTAB's Spatial Model of
// Politics CSV and XML — runs the spatial models of package models on them
// (eum, smp, weighted-mean), optionally under Monte Carlo jitter, and
// produces the result types behind `parley forecast` and its JSON
// (CLI.md, "forecast --json").
package forecast
