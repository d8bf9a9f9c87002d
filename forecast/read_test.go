package forecast

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/parleysim/parley/models"
)

func TestReadBDM(t *testing.T) {
	for _, tc := range []struct {
		file, scale string
	}{{"ec.csv", "fraction"}, {"ec-percent.csv", "percent"}} {
		in, err := ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if in.Format != FormatBDM || len(in.Actors) != 10 || in.SalienceScale != tc.scale {
			t.Fatalf("%s: format %s, %d actors, scale %s", tc.file, in.Format, len(in.Actors), in.SalienceScale)
		}
		if len(in.Notes) != 1 {
			t.Errorf("%s: notes %q, want one note on the salience scale", tc.file, in.Notes)
		}
		// Denmark's salience is 1.0 (fraction) or 100 (percent): read as 1.
		if s := in.Actors[8].Salience[0]; s != 1 {
			t.Errorf("%s: Denmark's salience %v, want 1", tc.file, s)
		}
		if in.Lo != 4 || in.Hi != 10 {
			t.Errorf("%s: range [%v, %v], want [4, 10]", tc.file, in.Lo, in.Hi)
		}
	}
}

func TestReadKTABCSV(t *testing.T) {
	in, err := ReadFile("testdata/trio.csv")
	if err != nil {
		t.Fatal(err)
	}
	if in.Format != FormatKTABCSV || in.Name != "Trio" || len(in.Actors) != 3 {
		t.Fatalf("got %s %q with %d actors", in.Format, in.Name, len(in.Actors))
	}
	if in.Dimensions[0] != "Tax" || in.Dimensions[1] != "Spend" {
		t.Errorf("dimensions %q", in.Dimensions)
	}
	c := in.Actors[2]
	if c.Capability != 50 || c.Position[1] != 100 || c.Salience[0] != 1 || c.Salience[1] != 0 {
		t.Errorf("actor C = %+v", c)
	}
}

func TestReadKTABXML(t *testing.T) {
	in, err := ReadFile("testdata/trio.xml")
	if err != nil {
		t.Fatal(err)
	}
	if in.Format != FormatKTABXML || !in.HasSeed || in.Seed != 42 || in.SMP == nil {
		t.Fatalf("got %+v", in)
	}
	if in.SMP.VictoryProb != models.VPSquare || in.SMP.PCE != models.PCEConditional {
		t.Errorf("parameters %v", in.SMP)
	}
	if in.Accommodation == nil || in.Accommodation[0][1] != 0.25 || in.Accommodation[1][1] != 0 {
		t.Errorf("accommodation %v", in.Accommodation)
	}
}

// Every malformed input gets one line naming the file and line (golden).
func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"missing.csv", "Actor,Capability,Position\nA,1,2\n",
			`missing.csv:1: missing column "Salience" in the header (want Actor,Capability,Position,Salience)`},
		{"nan.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,x,3,0.5\n",
			`nan.csv:3: capability "x" is not a number`},
		{"neg.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,-1,3,0.5\n",
			`neg.csv:3: negative capability -1`},
		{"short.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3\n",
			`short.csv:3: missing Salience (column 4)`},
		{"sal.csv", "Actor,Capability,Position,Salience\nA,1,2,0.5\nB,1,3,150\n",
			`sal.csv:3: salience 150 outside [0, 1] (fraction) or [0, 100] (percent)`},
		{"k.csv", "S,d,2,2,\nActor,Desc,Cap,P1,S1,P2,S2\nA,a,1,10,60,20,50\nB,b,1,10,40,20,40\n",
			`k.csv:3: saliences of A sum to 110, over 100`},
		{"k2.csv", "S,d,2,1,\nActor,Desc,Cap,P1,S1\nA,a,1,10,60\nB,b,-2,10,40\n",
			`k2.csv:4: negative capability -2`},
		{"k3.csv", "S,d,3,1,\nActor,Desc,Cap,P1,S1\nA,a,1,10,60\nB,b,2,10,40\n",
			`k3.csv:4: found 2 actors, line 1 announces 3`},
		{"k4.csv", "S,d,2,1,\nActor,Desc,Cap,P1,S1\nA,a,1,10,60\nB,b,2,ten,40\n",
			`k4.csv:4: position 1 "ten" is not a number`},
		{"x.xml", "<Scenario>\n<name>n</name>\n<prngSeed>1</prngSeed>\n</Scenario>\n",
			`x.xml:3: element <prngSeed> in <Scenario>: want <desc> here (KTAB smpSchema.xsd)`},
		{"x2.xml", "<Scenario><name>n</name><desc>d</desc><prngSeed>1</prngSeed>\n<ModelParameters>\n<VictoryProbModel>Cubic</VictoryProbModel>" +
			"<PCEModel>Conditional</PCEModel><StateTransitions>Deterministic</StateTransitions><VotingRule>Proportional</VotingRule>" +
			"<BigRAdjust>OneThird</BigRAdjust><BigRRange>Mid</BigRRange><ThirdPartyCommit>SemiCommit</ThirdPartyCommit>" +
			"<InterVecBrgn>S2P2</InterVecBrgn><BargnModel>InitOnlyInterp</BargnModel></ModelParameters><Actors></Actors></Scenario>",
			`x2.xml:3: <VictoryProbModel>: "Cubic" is not one of [Linear Square Quartic Octic Binary]`},
		{"x3.xml", "<Scenario><name>n</name><desc>d</desc><prngSeed>1</prngSeed>\n<Actors>\n<Actor><name>A</name><description>a</description><capability>1</capability><Position><dCoord>101</dCoord></Position><Salience><dSal>1</dSal></Salience></Actor>\n</Actors></Scenario>",
			`x3.xml:3: <dCoord> 101 outside [0, 100] (KTAB smpSchema.xsd)`},
		{"x4.xml", "<Scenario><name>n</name>\n<desc>d</desc><prngSeed>1</prngSeed><Actors></Actors>\n",
			`x4.xml:3: XML syntax: unexpected EOF`},
	} {
		_, err := Read(tc.name, []byte(tc.data))
		if err == nil {
			t.Errorf("%s: no error, want %s", tc.name, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, err, tc.want)
		}
	}
}

// sharedData locates /work/shared/data (PARLEY_SHARED_DATA, or ../../shared
// relative to this package) and skips the test when it is absent.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("PARLEY_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference data %s absent", p)
	}
	return p
}

// The published inputs read without error, with the sizes README.md lists.
func TestReadPublished(t *testing.T) {
	for _, tc := range []struct {
		file       string
		actors, nd int
	}{
		{"bdm/ec-emissions-1994.csv", 10, 1}, {"bdm/china-2002.csv", 24, 1},
		{"ktab/SOE-Pol-Comp.csv", 13, 2}, {"ktab/dummyData_3Dim.csv", 7, 3},
		{"ktab/dummyData_6Dim.csv", 27, 6}, {"ktab/dummyData-a080.csv", 80, 1},
		{"ktab/smpExample.xml", 5, 3},
	} {
		t.Run(tc.file, func(t *testing.T) {
			in, err := ReadFile(sharedData(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Actors) != tc.actors || len(in.Dimensions) != tc.nd {
				t.Errorf("%d actors × %d dimensions, want %d × %d", len(in.Actors), len(in.Dimensions), tc.actors, tc.nd)
			}
			if tc.file == "bdm/ec-emissions-1994.csv" {
				w := in.Weights(0)
				if m := models.WeightedMean(in.Positions(0), w); math.Abs(m-7.389955686854) > 1e-12 {
					t.Errorf("weighted mean %v", m)
				}
			}
		})
	}
}
