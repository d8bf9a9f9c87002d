// Package cputime lets benchmarks report CPU time per operation beside wall
// time: on a shared machine the wall clock says how busy the others were,
// the CPU time what the code cost.
package cputime

import (
	"testing"
	"time"
)

// Report adds the metric cpu-ns/op to b: the CPU time since start (a value
// of Now) divided by ops.
func Report(b *testing.B, start time.Duration, ops int) {
	if d := Now() - start; d > 0 && ops > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(ops), "cpu-ns/op")
	}
}
