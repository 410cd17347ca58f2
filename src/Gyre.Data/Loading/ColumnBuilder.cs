using Gyre.Core;
using Gyre.Data.Schema;
using Gyre.Data.Tables;

namespace Gyre.Data.Loading;

/// <summary>Accumulates one typed column from raw fields. Not thread-safe.</summary>
internal abstract class ColumnBuilder(ColumnSchema schema)
{
    public ColumnSchema Schema { get; } = schema;

    public bool SawMissing { get; private set; }

    /// <summary>Appends a value (null = missing); <paramref name="location"/> names the record in errors.</summary>
    public void Add(string? raw, Func<string> location, bool allowMissing)
    {
        if (raw is null)
        {
            if (!Schema.Nullable && !allowMissing)
            {
                throw GyreException.InvalidInput($"{location()}, column '{Schema.Name}': missing value, but the schema says the column is not nullable.");
            }

            SawMissing = true;
            AddMissing();
            return;
        }

        if (!TryAdd(raw))
        {
            throw GyreException.InvalidInput($"{location()}, column '{Schema.Name}': {DescribeBadValue(Schema.Type, raw)}.");
        }
    }

    public abstract DataColumn Build();

    public static ColumnBuilder For(ColumnSchema schema) => schema.Type switch
    {
        ColumnType.Numeric => new NumericBuilder(schema),
        ColumnType.Boolean => new BooleanBuilder(schema),
        ColumnType.DateTime => new DateTimeBuilder(schema),
        _ => new StringValuesBuilder(schema),
    };

    /// <summary>"'abc' is not a number" and the like, quoting at most 100 characters of the value.</summary>
    public static string DescribeBadValue(ColumnType type, string raw)
    {
        var shown = raw.Length > 100 ? string.Concat(raw.AsSpan(0, 100), "…") : raw;
        return type switch
        {
            ColumnType.Numeric => $"'{shown}' is not a number",
            ColumnType.Boolean => $"'{shown}' is not a boolean (true/false, yes/no, t/f, y/n)",
            ColumnType.DateTime => $"'{shown}' is not an ISO 8601 date or date-time",
            _ => $"'{shown}' is not a valid {type.ToString().ToLowerInvariant()} value",
        };
    }

    /// <summary>Whether <paramref name="raw"/> parses as <paramref name="type"/>.</summary>
    public static bool Parses(ColumnType type, string raw) => type switch
    {
        ColumnType.Numeric => ColumnValueParser.TryParseNumber(raw, out _),
        ColumnType.Boolean => ColumnValueParser.TryParseBoolean(raw, out _),
        ColumnType.DateTime => ColumnValueParser.TryParseDateTime(raw, out _),
        _ => true,
    };

    protected abstract void AddMissing();

    protected abstract bool TryAdd(string raw);

    private sealed class NumericBuilder(ColumnSchema schema) : ColumnBuilder(schema)
    {
        private readonly List<double> _values = [];

        public override DataColumn Build() => new NumericColumn(Schema.Name, [.. _values]);

        protected override void AddMissing() => _values.Add(double.NaN);

        protected override bool TryAdd(string raw)
        {
            if (!ColumnValueParser.TryParseNumber(raw, out var value))
            {
                return false;
            }

            _values.Add(value);
            return true;
        }
    }

    private sealed class BooleanBuilder(ColumnSchema schema) : ColumnBuilder(schema)
    {
        private readonly List<bool?> _values = [];

        public override DataColumn Build() => new BooleanColumn(Schema.Name, [.. _values]);

        protected override void AddMissing() => _values.Add(null);

        protected override bool TryAdd(string raw)
        {
            if (!ColumnValueParser.TryParseBoolean(raw, out var value))
            {
                return false;
            }

            _values.Add(value);
            return true;
        }
    }

    private sealed class DateTimeBuilder(ColumnSchema schema) : ColumnBuilder(schema)
    {
        private readonly List<DateTime?> _values = [];

        public override DataColumn Build() => new DateTimeColumn(Schema.Name, [.. _values]);

        protected override void AddMissing() => _values.Add(null);

        protected override bool TryAdd(string raw)
        {
            if (!ColumnValueParser.TryParseDateTime(raw, out var value))
            {
                return false;
            }

            _values.Add(value);
            return true;
        }
    }

    /// <summary>Categorical values share one string instance per distinct value (up to a bound) to save memory.</summary>
    private sealed class StringValuesBuilder(ColumnSchema schema) : ColumnBuilder(schema)
    {
        private const int MaxPooled = 100_000;
        private readonly List<string?> _values = [];
        private readonly Dictionary<string, string>? _pool = schema.Type == ColumnType.Categorical ? new(StringComparer.Ordinal) : null;

        public override DataColumn Build() => new StringColumn(Schema.Name, Schema.Type, [.. _values]);

        protected override void AddMissing() => _values.Add(null);

        protected override bool TryAdd(string raw)
        {
            if (_pool is not null)
            {
                if (_pool.TryGetValue(raw, out var pooled))
                {
                    raw = pooled;
                }
                else if (_pool.Count < MaxPooled)
                {
                    _pool.Add(raw, raw);
                }
            }

            _values.Add(raw);
            return true;
        }
    }
}
