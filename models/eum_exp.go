// The exponential kernel below is derived from src/math/exp_amd64.s of the
// Go distribution. Copyright 2010 The Go Authors. All rights reserved. Use
// of this source code is governed by a BSD-style licence reproduced in
// NOTICE.md.

package models

import "math"

// The model's powers x^r = e^(r ln x) (one per actor and distinct position,
// three per pair in a risky pass) profiled at a third of a Monte Carlo
// draw, much of it the call itself: on amd64 math.Exp is an assembly
// function (ABI0, reached through a wrapper, every live register spilled
// around the call), so consecutive exponentials cannot overlap. expRow
// computes a row of them in one loop without calls, with exactly the
// arithmetic of that assembly function, so the results stay bit for bit
// those of math.Exp (TestExpRow compares on millions of arguments, and
// TestEUMMatchesReference the whole model).
//
// Go's amd64 math.Exp (src/math/exp_amd64.s, after Shibata's SLEEF, ISC'10)
// rounds k = x·log₂e to the nearest integer, reduces t = (x − k ln 2)/16
// with ln 2 in two parts, evaluates e^t − 1 by a degree-8 Taylor polynomial,
// squares four times ((1 + u)² − 1 = u(u + 2)) and scales by 2^k. It takes
// one of two instruction sequences depending on the processor: with FMA the
// reduction and the polynomial are fused multiply-adds, without it separate
// multiplications and additions. expMode says which one math.Exp uses here,
// found by comparing both with math.Exp (expDetect); anywhere else
// (another architecture, another Go version) neither matches and expRow
// calls math.Exp.
const (
	expCallLib = iota // call math.Exp
	expPlain          // math.Exp's sequence without FMA
	expFused          // math.Exp's sequence with FMA
)

var expMode = expDetect()

// Constants of exp_amd64.s, as written there (the assembler and the
// compiler both round decimal constants correctly).
const (
	expLog2e = 1.4426950408889634073599246810018920
	expLn2U  = 0.69314718055966295651160180568695068359375
	expLn2L  = 0.28235290563031577122588448175013436025525412068e-12
	expC3    = 1.6666666666666666667e-1
	expC4    = 4.1666666666666666667e-2
	expC5    = 8.3333333333333333333e-3
	expC6    = 1.3888888888888888889e-3
	expC7    = 1.9841269841269841270e-4
	expC8    = 2.4801587301587301587e-5
	// expShift rounds to the nearest integer, ties to even (CVTSD2SL
	// under the default rounding mode): for |y| < 2^51 the low bits of the
	// mantissa of y + 1.5·2^52 hold round(y) in two's complement.
	expShift = 0x1.8p52
	// expLim bounds the fast path: |x| ≤ 700 keeps k + 1023 in [13, 2033],
	// the normal range where the assembly scales by one power of two.
	// Everything else (±Inf, NaN, overflow, subnormal results) calls
	// math.Exp.
	expLim = 700
)

// expDetect is the mode whose sequence reproduces math.Exp on probe
// arguments that tell the two sequences apart, or expCallLib.
func expDetect() int {
	var in, plain, fused [64]float64
	for i := range in {
		// Spread over [−40, 0] (the model's arguments) and beyond.
		in[i] = -0.7123*float64(i) + 0.013*float64(i*i%17) + 3.1
	}
	expRowPlain(plain[:], in[:], 1, 0, 1)
	expRowFused(fused[:], in[:], 1, 0, 1)
	okP, okF := true, true
	for i, x := range in {
		e := math.Float64bits(math.Exp(x))
		okP = okP && math.Float64bits(plain[i]) == e
		okF = okF && math.Float64bits(fused[i]) == e
	}
	switch {
	case okP && !okF:
		return expPlain
	case okF && !okP:
		return expFused
	}
	return expCallLib // neither, or both (the probes did not discriminate)
}

// expRow sets dst[i] = a + b·math.Exp(r·src[i]) for every i, bit for bit
// (len(dst) ≥ len(src); dst and src must not overlap).
func expRow(dst, src []float64, r, a, b float64) {
	switch expMode {
	case expFused:
		expRowFused(dst, src, r, a, b)
	case expPlain:
		expRowPlain(dst, src, r, a, b)
	default:
		dst = dst[:len(src)]
		for i, l := range src {
			dst[i] = a + b*math.Exp(r*l)
		}
	}
}

// expSlow redoes with math.Exp the elements whose arguments lie outside
// the fast path's range.
func expSlow(dst, src []float64, r, a, b float64) {
	for i, l := range src {
		if x := r * l; !(x >= -expLim && x <= expLim) {
			dst[i] = a + b*math.Exp(x)
		}
	}
}

// expRowFusedGo is expRow with exp_amd64.s's FMA sequence, in Go: the
// specification of expRowFMA (eum_exp_amd64.s; TestExpRow compares them).
// Explicit float64 conversions keep the compiler from fusing anything the
// assembly does not.
func expRowFusedGo(dst, src []float64, r, a, b float64) {
	dst = dst[:len(src)]
	slow := false
	for i, l := range src {
		x := r * l
		if !(x >= -expLim && x <= expLim) {
			slow, x = true, 0
		}
		kd := float64(expLog2e*x) + expShift
		kb := math.Float64bits(kd)
		k := kd - expShift
		t := math.FMA(-k, expLn2U, x)
		t = math.FMA(-k, expLn2L, t)
		t *= 0.0625
		p := math.FMA(expC8, t, expC7)
		p = math.FMA(p, t, expC6)
		p = math.FMA(p, t, expC5)
		p = math.FMA(p, t, expC4)
		p = math.FMA(p, t, expC3)
		p = math.FMA(p, t, 0.5)
		p = math.FMA(p, t, 1)
		u := float64(t * p)
		u = float64(u * (u + 2))
		u = float64(u * (u + 2))
		u = float64(u * (u + 2))
		u = math.FMA(u+2, u, 1)
		e := float64(u * math.Float64frombits((kb+1023)<<52))
		dst[i] = a + b*e
	}
	if slow {
		expSlow(dst, src, r, a, b)
	}
}

// expRowPlain is expRow with exp_amd64.s's sequence without FMA: every
// product rounded (explicit conversions) before it is added.
func expRowPlain(dst, src []float64, r, a, b float64) {
	dst = dst[:len(src)]
	slow := false
	for i, l := range src {
		x := r * l
		if !(x >= -expLim && x <= expLim) {
			slow, x = true, 0
		}
		kd := float64(expLog2e*x) + expShift
		kb := math.Float64bits(kd)
		k := kd - expShift
		t := x - float64(expLn2U*k)
		t -= float64(expLn2L * k)
		t *= 0.0625
		p := float64(expC8*t) + expC7
		p = float64(p*t) + expC6
		p = float64(p*t) + expC5
		p = float64(p*t) + expC4
		p = float64(p*t) + expC3
		p = float64(p*t) + 0.5
		p = float64(p*t) + 1
		u := float64(t * p)
		u = float64(u * (2 + u))
		u = float64(u * (2 + u))
		u = float64(u * (2 + u))
		u = float64(u * (2 + u))
		u++
		e := float64(u * math.Float64frombits((kb+1023)<<52))
		dst[i] = a + b*e
	}
	if slow {
		expSlow(dst, src, r, a, b)
	}
}
