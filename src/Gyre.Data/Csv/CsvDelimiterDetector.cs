namespace Gyre.Data.Csv;

/// <summary>
/// Picks a delimiter from the first records of a delimited file. Quote-aware: delimiters inside quoted
/// fields do not count. The winner is the candidate that splits the most sampled records into the same
/// number of fields as the header, ties broken by more fields, then by the order <c>,</c> <c>;</c> tab <c>|</c>.
/// A sample where no candidate occurs in the header is a single-column file: comma.
/// </summary>
public static class CsvDelimiterDetector
{
    /// <summary>The candidates, in tie-break order.</summary>
    public static IReadOnlyList<char> Candidates { get; } = [',', ';', '\t', '|'];

    /// <summary>How many records are sampled at most.</summary>
    public const int MaxSampledRecords = 50;

    /// <param name="sample">The start of the file.</param>
    /// <param name="sampleIsWholeFile">False when the sample may end mid-record (its last record is then ignored).</param>
    public static char Detect(ReadOnlySpan<char> sample, bool sampleIsWholeFile)
    {
        var counts = CountPerRecord(sample, sampleIsWholeFile);
        if (counts.Count == 0)
        {
            return ',';
        }

        var best = ',';
        var bestConsistent = -1;
        var bestFields = 0;
        for (var c = 0; c < Candidates.Count; c++)
        {
            var headerCount = counts[0][c];
            if (headerCount == 0)
            {
                continue;
            }

            var consistent = counts.Count(r => r[c] == headerCount);
            if (consistent > bestConsistent || (consistent == bestConsistent && headerCount > bestFields))
            {
                best = Candidates[c];
                bestConsistent = consistent;
                bestFields = headerCount;
            }
        }

        return best;
    }

    private static List<int[]> CountPerRecord(ReadOnlySpan<char> sample, bool sampleIsWholeFile)
    {
        var records = new List<int[]>();
        var current = new int[Candidates.Count];
        var inQuotes = false;
        var hasContent = false;
        for (var i = 0; i < sample.Length && records.Count < MaxSampledRecords; i++)
        {
            var ch = sample[i];
            if (ch == '"')
            {
                inQuotes = !inQuotes;
                hasContent = true;
            }
            else if (!inQuotes && ch is '\n' or '\r')
            {
                if (hasContent)
                {
                    records.Add(current);
                    current = new int[Candidates.Count];
                    hasContent = false;
                }
            }
            else
            {
                hasContent = true;
                if (!inQuotes)
                {
                    var index = IndexOfCandidate(ch);
                    if (index >= 0)
                    {
                        current[index]++;
                    }
                }
            }
        }

        if (hasContent && sampleIsWholeFile && records.Count < MaxSampledRecords)
        {
            records.Add(current);
        }

        return records;
    }

    private static int IndexOfCandidate(char ch)
    {
        for (var i = 0; i < Candidates.Count; i++)
        {
            if (Candidates[i] == ch)
            {
                return i;
            }
        }

        return -1;
    }
}
