using System.Runtime.InteropServices;
using System.Text;
using Gyre.Data.Synthetic;
using Gyre.Monitoring.Datasets;

namespace Gyre.Bench.Monitoring;

/// <summary>
/// One side's data on disk, the format both tools load outside their timing: per numeric column NAME.f64
/// (raw little-endian float64, one per row), per categorical column NAME.txt (UTF-8, one value per line, LF).
/// </summary>
internal static class ColumnFiles
{
    /// <summary>Generates <paramref name="rows"/> rows and writes the 20 benchmark columns into <paramref name="folder"/>.</summary>
    public static void Write(string folder, int rows, long seed, FraudDrift drift)
    {
        Directory.CreateDirectory(folder);
        var numeric = BenchColumns.Numeric.Select(_ => new double[rows]).ToArray();
        var categorical = BenchColumns.Categorical.Select(_ => new string[rows]).ToArray();
        var row = 0;
        foreach (var t in FraudTransactionGenerator.Generate(rows, seed, drift))
        {
            for (var c = 0; c < numeric.Length; c++)
            {
                numeric[c][row] = BenchColumns.Numeric[c].Value(t);
            }

            for (var c = 0; c < categorical.Length; c++)
            {
                categorical[c][row] = BenchColumns.Categorical[c].Value(t);
            }

            row++;
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The benchmark files are little-endian; this machine is not.");
        }

        for (var c = 0; c < numeric.Length; c++)
        {
            File.WriteAllBytes(Path.Combine(folder, BenchColumns.Numeric[c].Name + ".f64"), MemoryMarshal.AsBytes(numeric[c].AsSpan()));
        }

        for (var c = 0; c < categorical.Length; c++)
        {
            var text = new StringBuilder(rows * 8);
            foreach (var value in categorical[c])
            {
                text.Append(value).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, BenchColumns.Categorical[c].Name + ".txt"), text.ToString(), new UTF8Encoding(false));
        }
    }

    /// <summary>
    /// Loads the 20 columns (numeric first, in <see cref="BenchColumns"/> order). Equal category strings are
    /// shared (one instance per distinct value), as a column reader that dictionary-encodes would give.
    /// </summary>
    public static MonitoredFrame Read(string folder)
    {
        var columns = new List<MonitoredColumn>();
        foreach (var (name, _) in BenchColumns.Numeric)
        {
            var path = Path.Combine(folder, name + ".f64");
            using var stream = File.OpenRead(path);
            if (stream.Length % sizeof(double) != 0)
            {
                throw new InvalidDataException($"{path}: {stream.Length} bytes is not a whole number of float64 values.");
            }

            var values = new double[stream.Length / sizeof(double)];
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            columns.Add(new NumericColumn(name, values));
        }

        foreach (var (name, _) in BenchColumns.Categorical)
        {
            var path = Path.Combine(folder, name + ".txt");
            var distinct = new Dictionary<string, string>(StringComparer.Ordinal);
            var values = new string?[File.ReadLines(path).Count()]; // exact size: no growing list in the peak
            var row = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (!distinct.TryGetValue(line, out var shared))
                {
                    shared = line;
                    distinct.Add(line, line);
                }

                values[row++] = shared;
            }

            columns.Add(new CategoricalColumn(name, values));
        }

        return new MonitoredFrame(columns);
    }
}
