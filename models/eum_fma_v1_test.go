//go:build !(amd64.v3 || amd64.v4)

package models

// amd64FMA is false: no fused multiply-add in compiled code (see
// eum_fma_v3_test.go).
const amd64FMA = false
