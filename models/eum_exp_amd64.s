// Derived from src/math/exp_amd64.s of the Go distribution.
// Copyright 2010 The Go Authors. All rights reserved. Use of this source
// code is governed by a BSD-style licence reproduced in NOTICE.md.

#include "textflag.h"

// Constants of Go's src/math/exp_amd64.s (its exprodata, same layout).
DATA eumexpdata<>+0(SB)/8, $0.5
DATA eumexpdata<>+8(SB)/8, $1.0
DATA eumexpdata<>+16(SB)/8, $2.0
DATA eumexpdata<>+24(SB)/8, $1.6666666666666666667e-1
DATA eumexpdata<>+32(SB)/8, $4.1666666666666666667e-2
DATA eumexpdata<>+40(SB)/8, $8.3333333333333333333e-3
DATA eumexpdata<>+48(SB)/8, $1.3888888888888888889e-3
DATA eumexpdata<>+56(SB)/8, $1.9841269841269841270e-4
DATA eumexpdata<>+64(SB)/8, $2.4801587301587301587e-5
GLOBL eumexpdata<>+0(SB), RODATA, $72

// The same constants, each twice (both lanes of an XMM register), and the
// exponent bias 1023 as four 32-bit integers.
DATA eumexp2<>+0(SB)/8, $0.5
DATA eumexp2<>+8(SB)/8, $0.5
DATA eumexp2<>+16(SB)/8, $1.0
DATA eumexp2<>+24(SB)/8, $1.0
DATA eumexp2<>+32(SB)/8, $2.0
DATA eumexp2<>+40(SB)/8, $2.0
DATA eumexp2<>+48(SB)/8, $1.6666666666666666667e-1
DATA eumexp2<>+56(SB)/8, $1.6666666666666666667e-1
DATA eumexp2<>+64(SB)/8, $4.1666666666666666667e-2
DATA eumexp2<>+72(SB)/8, $4.1666666666666666667e-2
DATA eumexp2<>+80(SB)/8, $8.3333333333333333333e-3
DATA eumexp2<>+88(SB)/8, $8.3333333333333333333e-3
DATA eumexp2<>+96(SB)/8, $1.3888888888888888889e-3
DATA eumexp2<>+104(SB)/8, $1.3888888888888888889e-3
DATA eumexp2<>+112(SB)/8, $1.9841269841269841270e-4
DATA eumexp2<>+120(SB)/8, $1.9841269841269841270e-4
DATA eumexp2<>+128(SB)/8, $2.4801587301587301587e-5
DATA eumexp2<>+136(SB)/8, $2.4801587301587301587e-5
DATA eumexp2<>+144(SB)/8, $1.4426950408889634073599246810018920
DATA eumexp2<>+152(SB)/8, $1.4426950408889634073599246810018920
DATA eumexp2<>+160(SB)/8, $0.69314718055966295651160180568695068359375
DATA eumexp2<>+168(SB)/8, $0.69314718055966295651160180568695068359375
DATA eumexp2<>+176(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA eumexp2<>+184(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA eumexp2<>+192(SB)/8, $0.0625
DATA eumexp2<>+200(SB)/8, $0.0625
DATA eumexp2<>+208(SB)/8, $0x000003ff000003ff
DATA eumexp2<>+216(SB)/8, $0x000003ff000003ff
GLOBL eumexp2<>+0(SB), RODATA, $224

#define LOG2E 1.4426950408889634073599246810018920
#define LN2U 0.69314718055966295651160180568695068359375
#define LN2L 0.28235290563031577122588448175013436025525412068e-12

// func expRowFMA(dst, src []float64, r, a, b float64) (slow bool)
//
// dst[i] = a + b·e^(r·src[i]) with, for each element, the instructions of
// math.Exp's FMA path (exp_amd64.s, label avxfma) between its range checks
// and its normal-range scaling: the same operations in the same order, so
// the same bits. Arguments outside [−700, 700] (and NaN) are left to the
// caller (slow = true; dst[i] is then garbage). Requires AVX and FMA.
TEXT ·expRowFMA(SB), NOSPLIT, $0-73
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVSD r+48(FP), X8
	MOVSD a+56(FP), X9
	MOVSD b+64(FP), X10
	MOVSD $-700.0, X11
	MOVSD $700.0, X12
	XORL AX, AX // i
	XORL R9, R9 // slow
	MOVAPD X9, X13
	UNPCKLPD X13, X13 // a in both lanes
	MOVAPD X10, X14
	UNPCKLPD X14, X14 // b in both lanes
	PXOR X7, X7
pair:
	// Two elements at a time in the two lanes of the XMM registers:
	// packed instructions do, lane by lane, what the scalar ones do, and
	// the two independent chains overlap.
	LEAQ 1(AX), DX
	CMPQ DX, CX
	JGE loop // fewer than two left
	MOVSD (SI)(AX*8), X0
	MULSD X8, X0
	UCOMISD X11, X0
	JB out0
	UCOMISD X12, X0
	JA out0
in0:
	MOVSD 8(SI)(AX*8), X4
	MULSD X8, X4
	UCOMISD X11, X4
	JB out1
	UCOMISD X12, X4
	JA out1
in1:
	UNPCKLPD X4, X0 // X0 = (x0, x1)
	VMULPD eumexp2<>+144(SB), X0, X1
	CVTPD2PL X1, X3 // k, rounded to nearest, as two int32
	CVTPL2PD X3, X1
	VFNMADD231PD eumexp2<>+160(SB), X1, X0
	VFNMADD231PD eumexp2<>+176(SB), X1, X0
	VMULPD eumexp2<>+192(SB), X0, X0
	VMOVUPD eumexp2<>+128(SB), X1
	VFMADD213PD eumexp2<>+112(SB), X0, X1
	VFMADD213PD eumexp2<>+96(SB), X0, X1
	VFMADD213PD eumexp2<>+80(SB), X0, X1
	VFMADD213PD eumexp2<>+64(SB), X0, X1
	VFMADD213PD eumexp2<>+48(SB), X0, X1
	VFMADD213PD eumexp2<>+0(SB), X0, X1
	VFMADD213PD eumexp2<>+16(SB), X0, X1
	MULPD X1, X0
	VADDPD eumexp2<>+32(SB), X0, X1
	MULPD X1, X0
	VADDPD eumexp2<>+32(SB), X0, X1
	MULPD X1, X0
	VADDPD eumexp2<>+32(SB), X0, X1
	MULPD X1, X0
	VADDPD eumexp2<>+32(SB), X0, X1
	VFMADD213PD eumexp2<>+16(SB), X1, X0
	VPADDD eumexp2<>+208(SB), X3, X3 // k + 1023
	PUNPCKLLQ X7, X3 // as two int64
	PSLLQ $52, X3 // 2^k
	MULPD X3, X0
	MULPD X14, X0
	ADDPD X13, X0
	MOVUPD X0, (DI)(AX*8)
	ADDQ $2, AX
	JMP pair
out0:
	MOVL $1, R9
	XORPS X0, X0
	JMP in0
out1:
	MOVL $1, R9
	XORPS X4, X4
	JMP in1
loop:
	CMPQ AX, CX
	JGE done
	MOVSD (SI)(AX*8), X0
	MULSD X8, X0 // x = r·src[i]
	UCOMISD X11, X0
	JB outside // x < −700 or NaN
	UCOMISD X12, X0
	JA outside // x > 700
	MOVSD $LOG2E, X1
	MULSD X0, X1
	CVTSD2SL X1, BX // k = round(x·log₂e)
	CVTSL2SD BX, X1
	MOVSD $LN2U, X2
	VFNMADD231SD X2, X1, X0
	MOVSD $LN2L, X2
	VFNMADD231SD X2, X1, X0
	MULSD $0.0625, X0
	MOVSD eumexpdata<>+64(SB), X1
	VFMADD213SD eumexpdata<>+56(SB), X0, X1
	VFMADD213SD eumexpdata<>+48(SB), X0, X1
	VFMADD213SD eumexpdata<>+40(SB), X0, X1
	VFMADD213SD eumexpdata<>+32(SB), X0, X1
	VFMADD213SD eumexpdata<>+24(SB), X0, X1
	VFMADD213SD eumexpdata<>+0(SB), X0, X1
	VFMADD213SD eumexpdata<>+8(SB), X0, X1
	MULSD X1, X0
	VADDSD eumexpdata<>+16(SB), X0, X1
	MULSD X1, X0
	VADDSD eumexpdata<>+16(SB), X0, X1
	MULSD X1, X0
	VADDSD eumexpdata<>+16(SB), X0, X1
	MULSD X1, X0
	VADDSD eumexpdata<>+16(SB), X0, X1
	VFMADD213SD eumexpdata<>+8(SB), X1, X0
	ADDL $0x3FF, BX // 2^k, k + 1023 ∈ [13, 2033]
	SHLQ $52, BX
	MOVQ BX, X1
	MULSD X1, X0
	MULSD X10, X0 // a + b·e, as Go compiles it without FMA
	ADDSD X9, X0
	MOVSD X0, (DI)(AX*8)
	INCQ AX
	JMP loop
outside:
	MOVL $1, R9
	INCQ AX
	JMP loop
done:
	MOVB R9, slow+72(FP)
	RET
