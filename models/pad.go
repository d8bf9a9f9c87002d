package models

import "unsafe"

// cacheLine is the size of a CPU cache line on the machines Parley runs on
// (x86-64 and arm64: 64 bytes).
const cacheLine = 64

// cacheLinePad separates the hot fields of structs that different workers
// write, so they never share a cache line.
type cacheLinePad [cacheLine]byte

// mkPad makes a slice of length n (capacity c[0] when given) with a cache
// line of unused elements on both sides. Protocol instances are owned by
// different worker goroutines and write their workspaces on every round;
// small slices of two workers allocated side by side in one span would share
// cache lines and bounce between the cores (false sharing), which cost a
// third of the two-worker speed-up before the workspaces were padded
// (docs/performance.md).
func mkPad[T any](n int, c ...int) []T {
	var z T
	p := cacheLine/int(unsafe.Sizeof(z)) + 1
	m := n
	if len(c) > 0 {
		m = c[0]
	}
	s := make([]T, m+2*p)
	return s[p : p+n : p+m]
}
