//go:build !amd64

package models

// expRowFused is expRowFusedGo: only amd64's math.Exp uses this sequence,
// so elsewhere expDetect never selects it.
func expRowFused(dst, src []float64, r, a, b float64) { expRowFusedGo(dst, src, r, a, b) }
