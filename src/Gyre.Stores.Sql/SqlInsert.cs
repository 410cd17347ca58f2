using System.Data.Common;
using System.Globalization;

namespace Gyre.Stores.Sql;

/// <summary>
/// Rows to append to <see cref="Table"/>: every row gets the <see cref="Constants"/> (column, value) and then
/// its own values for <see cref="Columns"/>, taken from <see cref="Rows"/> in order.
/// </summary>
public sealed record SqlInsert(string Table, IReadOnlyList<(string Column, object Value)> Constants, IReadOnlyList<string> Columns, SqlRows Rows)
{
    /// <summary>The column list of the INSERT: the constants' columns, then <see cref="Columns"/>.</summary>
    public string TargetColumns => string.Join(", ", Constants.Select(c => c.Column).Concat(Columns));

    /// <summary>Binds the constants to <paramref name="command"/> as <c>@c0</c>, <c>@c1</c>... and returns those names in order.</summary>
    public List<string> BindConstants(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>(Constants.Count + Columns.Count);
        for (var i = 0; i < Constants.Count; i++)
        {
            var name = "@c" + i.ToString(CultureInfo.InvariantCulture);
            SqlSession.AddParameter(command, name, Constants[i].Value);
            names.Add(name);
        }

        return names;
    }
}
