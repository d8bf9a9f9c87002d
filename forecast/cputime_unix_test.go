//go:build unix

package forecast

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user + system CPU time so far (getrusage). The
// machine is shared, so benchmarks report CPU time per op beside wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the metric cpu-ns/op: CPU time since start divided by ops.
func reportCPU(b *testing.B, start time.Duration, ops int) {
	if d := cpuTime() - start; d > 0 && ops > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(ops), "cpu-ns/op")
	}
}
