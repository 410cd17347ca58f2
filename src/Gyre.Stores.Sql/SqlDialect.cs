using System.Data.Common;

namespace Gyre.Stores.Sql;

/// <summary>
/// What differs between the databases a <see cref="SqlTrackingStore"/> runs on: how to connect and begin
/// transactions, how to bind lists and row sets, how to spell LIKE with and without case, how to take
/// transaction-scoped locks, and the schema migrations. A dialect owns its connection source (pool) and
/// releases it on dispose. Thread-safe.
/// </summary>
public abstract class SqlDialect : IDisposable, IAsyncDisposable
{
    /// <summary>Names the database in messages: a file path, or host, port and database (never credentials).</summary>
    public abstract string DatabaseDescription { get; }

    /// <summary>This dialect's schema scripts, versions 1, 2, 3... in order.</summary>
    public abstract IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The most parameters one command should bind: the database's limit, or lower where binding many is slow.</summary>
    public abstract int MaxParameters { get; }

    /// <summary>An open connection from the pool; the caller disposes it.</summary>
    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that will write. Writers of one row set must not deadlock on lock upgrades:
    /// SQLite takes the database write lock up front (BEGIN IMMEDIATE).
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a transaction that only reads, seeing one consistent snapshot.</summary>
    public abstract Task<DbTransaction> BeginReadTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A statement taking an exclusive lock named by the 64-bit integer parameter
    /// <paramref name="keyParameter"/>, held until the transaction ends; null where write transactions are
    /// already serialised (SQLite).
    /// </summary>
    public virtual string? TransactionLockSql(string keyParameter) => null;

    /// <summary>The suffix of a SELECT that locks the rows it reads until the transaction ends ("" where writes are serialised).</summary>
    public virtual string RowLockSuffix(RowLock mode) => "";

    /// <summary>
    /// A boolean SQL expression: the text column <paramref name="column"/> (a param, tag or experiment tag
    /// value, indexed together with its key) equals the parameter <paramref name="parameterName"/>, written
    /// so that the dialect's value index serves it. <paramref name="value"/> is the bound text.
    /// </summary>
    public virtual string IndexedValueEquals(string column, string parameterName, string value) => $"{column} = {parameterName}";

    /// <summary>A boolean SQL expression: <paramref name="expression"/> is in the list bound to <paramref name="parameterName"/>.</summary>
    public abstract string InList(string expression, string parameterName);

    /// <summary>The parameter value of a list of strings for <see cref="InList"/>.</summary>
    public abstract object ListValue(IReadOnlyList<string> values);

    /// <summary>The parameter value of a list of integers for <see cref="InList"/>.</summary>
    public abstract object ListValue(IReadOnlyList<long> values);

    /// <summary>
    /// A boolean SQL expression: <paramref name="expression"/> matches the pattern bound to
    /// <paramref name="parameterName"/> (made by <see cref="LikeValue"/>), with case or without.
    /// </summary>
    public abstract string LikeCondition(string expression, string parameterName, bool caseSensitive);

    /// <summary>The parameter value of <paramref name="pattern"/> for <see cref="LikeCondition"/>.</summary>
    public abstract string LikeValue(LikePattern pattern, bool caseSensitive);

    /// <summary>
    /// Binds <paramref name="rows"/> to <paramref name="command"/> and returns a query yielding them with
    /// the columns in order, for use as <c>WITH s (columns) AS (query)</c>.
    /// </summary>
    public abstract string RowSource(DbCommand command, SqlRows rows);

    /// <summary>
    /// Appends the rows of <paramref name="insert"/> inside <paramref name="transaction"/>. The default binds
    /// blocks of rows through <see cref="RowSource"/>, at most <see cref="MaxParameters"/> parameters per
    /// command; a dialect overrides it where another way is faster.
    /// </summary>
    public virtual async Task InsertRowsAsync(DbTransaction transaction, SqlInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(insert);
        var perCommand = Math.Max(1, (MaxParameters - insert.Constants.Count) / Math.Max(1, insert.Columns.Count));
        for (var start = 0; start < insert.Rows.Count; start += perCommand)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var source = RowSource(command, insert.Rows.Slice(start, Math.Min(perCommand, insert.Rows.Count - start)));
            var values = insert.BindConstants(command);
            values.AddRange(insert.Columns);
            command.CommandText =
                $"WITH s ({string.Join(", ", insert.Columns)}) AS ({source}) INSERT INTO {insert.Table} ({insert.TargetColumns}) SELECT {string.Join(", ", values)} FROM s";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Called before a runs search: a dialect whose query planner needs table statistics makes sure they
    /// exist (freshly bulk-loaded tables without any can get catastrophic plans). Cheap when nothing is to do.
    /// </summary>
    public virtual Task PrepareSearchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether <paramref name="exception"/> is a lost race (deadlock, serialization failure) after which the whole transaction may simply be retried.</summary>
    public virtual bool IsTransientConflict(Exception exception) => false;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection source.</summary>
    protected abstract void Dispose(bool disposing);

    protected virtual ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return ValueTask.CompletedTask;
    }
}
