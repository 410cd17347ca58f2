using Gyre.Core;
using Gyre.Training.Featurization;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Where one input file holds what the job needs: for each signature column and each passthrough column, the file's
/// column index. <see cref="WholeRecord"/>: the passthrough is every column of the file in file order, so a record
/// can be copied whole.
/// </summary>
internal sealed record BatchFileLayout(string File, IReadOnlyList<string> Columns, int[] SignatureColumns, int[] PassthroughColumns, bool WholeRecord)
{
    /// <summary>
    /// The layout of a file with header <paramref name="columns"/>. Throws InvalidInput naming the file and every
    /// absent column the model needs (with its type) or the passthrough asks for.
    /// </summary>
    public static BatchFileLayout For(string file, IReadOnlyList<string> columns, IReadOnlyList<SignatureColumn> signature, IReadOnlyList<string> passthrough)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i], i);
        }

        var absent = signature.Where(c => !index.ContainsKey(c.Name)).Select(c => $"'{c.Name}' ({c.Type.ToString().ToLowerInvariant()})").ToList();
        if (absent.Count > 0)
        {
            throw GyreException.InvalidInput($"{file}: the model needs column(s) {string.Join(", ", absent)}, absent from the file's header.");
        }

        var missingPassthrough = passthrough.Where(c => !index.ContainsKey(c)).ToList();
        if (missingPassthrough.Count > 0)
        {
            throw GyreException.InvalidInput($"{file}: --passthrough column(s) {string.Join(", ", missingPassthrough.Select(c => $"'{c}'"))} are not in the file's header ({string.Join(", ", columns)}).");
        }

        int[] passthroughColumns = [.. passthrough.Select(c => index[c])];
        var whole = passthroughColumns.Length == columns.Count && passthroughColumns.Select((c, i) => c == i).All(same => same);
        return new BatchFileLayout(file, columns, [.. signature.Select(c => index[c.Name])], passthroughColumns, whole);
    }
}
