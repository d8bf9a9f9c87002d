package models

import "math"

// anderson is Anderson acceleration (type II, depth ≤ andersonDepth) of a
// fixed-point iteration x ← T(x): with residuals g = T(x) − x and the last
// differences ΔX, ΔG it takes γ = argmin ‖g − ΔG γ‖ and steps to
// x + g − (ΔX + ΔG) γ (Walker & Ni 2011, SIAM J. Numer. Anal. 49:1715).
// Plain iteration of the bargaining thresholds contracts at rate
// δ(1 − p) ≈ 0.95; on an affine map Anderson converges in about dim + 1
// steps. The workspace is preallocated, so a step does not allocate.
type anderson struct {
	dx, dg [andersonDepth][]float64
	xp, gp []float64
	cols   int  // differences stored
	head   int  // next column to overwrite
	primed bool // xp, gp hold the previous iterate
}

const andersonDepth = 4

func (a *anderson) size(dim int) {
	if len(a.xp) == dim {
		return
	}
	a.xp, a.gp = mkPad[float64](dim), mkPad[float64](dim)
	for c := range a.dx {
		a.dx[c], a.dg[c] = mkPad[float64](dim), mkPad[float64](dim)
	}
}

func (a *anderson) reset() { a.cols, a.head, a.primed = 0, 0, false }

// next replaces x by the accelerated iterate, given g = T(x) − x.
func (a *anderson) next(x, g []float64) {
	if a.primed {
		c := a.head
		for i := range x {
			a.dx[c][i] = x[i] - a.xp[i]
			a.dg[c][i] = g[i] - a.gp[i]
		}
		a.head = (a.head + 1) % andersonDepth
		a.cols = min(a.cols+1, andersonDepth)
	}
	copy(a.xp, x)
	copy(a.gp, g)
	a.primed = true
	m := a.cols
	var gamma [andersonDepth]float64
	if m > 0 {
		// Normal equations (ΔGᵀΔG + εI) γ = ΔGᵀ g, solved by Gaussian
		// elimination with partial pivoting; ε keeps them regular.
		var mat [andersonDepth][andersonDepth + 1]float64
		scale := 0.0
		for r := 0; r < m; r++ {
			for c := 0; c < m; c++ {
				mat[r][c] = dot(a.dg[r], a.dg[c])
			}
			mat[r][m] = dot(a.dg[r], g)
			scale = max(scale, mat[r][r])
		}
		for r := 0; r < m; r++ {
			mat[r][r] += 1e-12*scale + 1e-300
		}
		if !gauss(&mat, m) {
			m = 0
		}
		for r := 0; r < m; r++ {
			gamma[r] = mat[r][m]
		}
	}
	for i := range x {
		step := g[i]
		for c := 0; c < m; c++ {
			step -= gamma[c] * (a.dx[c][i] + a.dg[c][i])
		}
		x[i] += step
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// gauss solves the m×m system in mat (right-hand side in column m) in place,
// leaving the solution in column m; it reports false when singular.
func gauss(mat *[andersonDepth][andersonDepth + 1]float64, m int) bool {
	for c := 0; c < m; c++ {
		p := c
		for r := c + 1; r < m; r++ {
			if math.Abs(mat[r][c]) > math.Abs(mat[p][c]) {
				p = r
			}
		}
		if mat[p][c] == 0 || math.IsNaN(mat[p][c]) {
			return false
		}
		mat[c], mat[p] = mat[p], mat[c]
		for r := 0; r < m; r++ {
			if r == c {
				continue
			}
			f := mat[r][c] / mat[c][c]
			for k := c; k <= m; k++ {
				mat[r][k] -= f * mat[c][k]
			}
		}
	}
	for r := 0; r < m; r++ {
		mat[r][m] /= mat[r][r]
		if math.IsNaN(mat[r][m]) || math.IsInf(mat[r][m], 0) {
			return false
		}
	}
	return true
}
