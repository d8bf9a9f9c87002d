package models

import "golang.org/x/sys/cpu"

// expHasFMA says math.Exp takes its FMA path here (exp_amd64.s tests the
// same two features) and the assembly row can run.
var expHasFMA = cpu.X86.HasAVX && cpu.X86.HasFMA

// expRowFMA is in eum_exp_amd64.s.
//
//go:noescape
func expRowFMA(dst, src []float64, r, a, b float64) (slow bool)

// expRowFused is expRowFusedGo, with the loop in assembly: math.FMA
// compiles to a feature test and a call per operation under GOAMD64=v1,
// which spills every live register and loses most of the gain.
func expRowFused(dst, src []float64, r, a, b float64) {
	if !expHasFMA {
		expRowFusedGo(dst, src, r, a, b)
		return
	}
	if expRowFMA(dst[:len(src)], src, r, a, b) {
		expSlow(dst, src, r, a, b)
	}
}
