//go:build !unix

package forecast

import (
	"testing"
	"time"
)

// cpuTime is not measured on this system (benchmarks then omit cpu-ns/op).
func cpuTime() time.Duration { return 0 }

func reportCPU(b *testing.B, start time.Duration, ops int) {}
