package cputime

import (
	"runtime"
	"testing"
)

// TestNowAdvances: busy work costs CPU time, so Now grows by at least part
// of it (getrusage has at worst a scheduler tick of resolution).
func TestNowAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("CPU time is not measured on this system")
	}
	start := Now()
	x := 0.0
	for i := range 50_000_000 {
		x += float64(i % 7)
	}
	if x == 0 {
		t.Fatal("unreachable")
	}
	if d := Now() - start; d <= 0 {
		t.Errorf("CPU time did not advance over ~50 ms of work: %v", d)
	}
}
