namespace Gyre.Training.Featurization;

/// <summary>
/// A table's labels under a <see cref="LabelMapping"/>: class codes (index into ClassNames; binary: 1 =
/// positive) for classification, values for regression. One entry per row.
/// </summary>
internal sealed record EncodedLabels(LabelMapping Mapping, int[] Codes, double[] Values)
{
    public EncodedLabels Take(IReadOnlyList<int> rows) =>
        new(Mapping, Codes.Length == 0 ? [] : [.. rows.Select(r => Codes[r])], Values.Length == 0 ? [] : [.. rows.Select(r => Values[r])]);
}
