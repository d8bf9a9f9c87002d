// Package report draws the charts of a Monte Carlo result and writes the
// self-contained HTML report (CLI.md, "Files written by run").
//
// Everything here is drawn from a *sim.Summary (the aggregated result) and the
// *scenarios.Scenario that produced it; nothing re-reads per-run data, so the
// cost does not grow with the number of runs. Each chart is one exported
// function returning a *plot.Plot; Write renders them all in one house theme
// (Liberation Sans, the Okabe–Ito palette, 150 dpi PNG or SVG) and embeds them
// in report.html. Rendering is deterministic: the same summary gives the same
// bytes, so `parley report DIR` reproduces the files `parley run` wrote.
package report
