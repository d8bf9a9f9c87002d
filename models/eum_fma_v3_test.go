//go:build amd64.v3 || amd64.v4

package models

// amd64FMA: built with GOAMD64=v3 or later, the compiler fuses x·y + z into
// one FMA instruction, so two functions computing the same expression may
// round differently (the bitwise reference test then skips).
const amd64FMA = true
