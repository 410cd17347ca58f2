using Microsoft.ML.Data;

namespace Gyre.Training.Featurization;

/// <summary>One column of a <see cref="DataTableDataView"/>: a name, an ML.NET type and a value per row index.</summary>
internal abstract record ViewColumn(string Name, DataViewType Type);

internal sealed record SingleViewColumn(string Name, Func<int, float> Value) : ViewColumn(Name, NumberDataViewType.Single);

internal sealed record TextViewColumn(string Name, Func<int, string> Value) : ViewColumn(Name, TextDataViewType.Instance);

internal sealed record BooleanViewColumn(string Name, Func<int, bool> Value) : ViewColumn(Name, BooleanDataViewType.Instance);

/// <summary>A key column: values 1..count (0 would mean missing).</summary>
internal sealed record KeyViewColumn(string Name, Func<int, uint> Value, int Count) : ViewColumn(Name, new KeyDataViewType(typeof(uint), Count));
