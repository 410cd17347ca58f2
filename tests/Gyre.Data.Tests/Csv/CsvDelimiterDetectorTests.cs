using Gyre.Data.Csv;

namespace Gyre.Data.Tests.Csv;

public sealed class CsvDelimiterDetectorTests
{
    [Fact]
    public void Detect_DelimitersInsideQuotes_AreIgnored()
    {
        // Semicolons outnumber commas, but all of them are quoted.
        const string Sample = "a,b\n\"x;y;z\",1\n\"p;q;r\",2\n";
        Assert.Equal(',', CsvDelimiterDetector.Detect(Sample, sampleIsWholeFile: true));
    }

    [Fact]
    public void Detect_ConsistentCandidateBeatsInconsistentOne()
    {
        // Commas appear as decimal marks in varying numbers; semicolons split every row into 3 fields.
        const string Sample = "a;b;c\n1,5;2;3\n4;5,25,1;6\n";
        Assert.Equal(';', CsvDelimiterDetector.Detect(Sample, sampleIsWholeFile: true));
    }

    [Fact]
    public void Detect_SingleColumn_ReturnsComma() =>
        Assert.Equal(',', CsvDelimiterDetector.Detect("value\n1\n2\n", sampleIsWholeFile: true));
}
