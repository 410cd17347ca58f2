using System.Globalization;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Access;
using Gyre.Tracking.Artifacts;

namespace Gyre.Stores.Sql;

/// <summary>
/// An <see cref="ITrackingStore"/>, <see cref="IApiTokenStore"/> and <see cref="Registry.IModelRegistryStore"/>
/// over a SQL database with MLflow's tables, written once for every <see cref="SqlDialect"/>. Thread-safe: every call takes its own pooled
/// connection and runs in one transaction, so a call's writes land all or none. Filters, order and paging
/// of searches run in SQL; runs' metrics, params and tags are loaded only for the returned page. Times
/// recorded by the store (experiment creation and update, run deletion, token creation) come from the
/// injected <see cref="TimeProvider"/>. Disposing releases the dialect's connections.
/// </summary>
public abstract partial class SqlTrackingStore : ITrackingStore, IApiTokenStore, IDisposable, IAsyncDisposable
{
    private const string Active = "active";
    private const string Deleted = "deleted";

    /// <summary>How often a write that lost a race (deadlock, serialization failure) is tried in all.</summary>
    private const int MaxWriteAttempts = 5;

    /// <summary>The lock key ("gyre" then 2) that serialises experiment creation and renaming (ids and names).</summary>
    private const long ExperimentsLockKey = 0x6779_7265_0000_0002;

    private readonly TimeProvider timeProvider;

    /// <param name="dialect">The database; the store owns it and disposes it.</param>
    /// <param name="artifactRoot">A local folder or URI prefix; experiments get <c>root/&lt;id&gt;</c>.</param>
    /// <param name="timeProvider">The clock for times the store records.</param>
    protected SqlTrackingStore(SqlDialect dialect, string artifactRoot, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Dialect = dialect;
        ArtifactRoot = ArtifactUris.NormalizeRoot(artifactRoot);
        this.timeProvider = timeProvider;
    }

    /// <summary>The artifact root as a URI without trailing '/' (file:// for a local folder).</summary>
    public string ArtifactRoot { get; }

    protected SqlDialect Dialect { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        await Dialect.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Dialect.Dispose();
        }
    }

    /// <summary>Applies pending schema migrations and ensures the "Default" experiment (id "0") exists. Called once by the opener.</summary>
    protected async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(Dialect, timeProvider, cancellationToken);
        await EnsureDefaultExperimentAsync(cancellationToken);
    }

    private long NowMilliseconds() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, committed only when it returns; a lost race
    /// (see <see cref="SqlDialect.IsTransientConflict"/>) rolls back and runs it again.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await Dialect.OpenConnectionAsync(cancellationToken);
                await using var transaction = await Dialect.BeginWriteTransactionAsync(connection, cancellationToken);
                var result = await work(new SqlSession(Dialect, connection, transaction));
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxWriteAttempts && Dialect.IsTransientConflict(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 20 * attempt)), cancellationToken);
            }
        }
    }

    private async Task WriteAsync(Func<SqlSession, Task> work, CancellationToken cancellationToken) =>
        await WriteAsync(
            async session =>
            {
                await work(session);
                return true;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one read transaction (one consistent snapshot).</summary>
    private async Task<T> ReadAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await Dialect.OpenConnectionAsync(cancellationToken);
        await using var transaction = await Dialect.BeginReadTransactionAsync(connection, cancellationToken);
        var result = await work(new SqlSession(Dialect, connection, transaction));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static LifecycleStage ParseStage(string stage) => stage == Active ? LifecycleStage.Active : LifecycleStage.Deleted;

    /// <summary>The lifecycle stage a view type selects, or null for every stage.</summary>
    private static string? StageFilter(ViewType viewType) => viewType switch
    {
        ViewType.ActiveOnly => Active,
        ViewType.DeletedOnly => Deleted,
        ViewType.All => null,
        _ => throw GyreException.InvalidInput($"Invalid value '{viewType}' for parameter 'view_type'."),
    };

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Scheduled => "SCHEDULED",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw GyreException.InvalidInput($"Invalid value '{status}' for parameter 'status'."),
    };

    private static RunStatus ParseStatus(string status) => Enum.Parse<RunStatus>(status, ignoreCase: true);

    /// <summary>The integer key of a canonical decimal experiment id; false for anything else (which cannot exist).</summary>
    private static bool TryParseExperimentId(ExperimentId id, out long value) =>
        long.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && value.ToString(CultureInfo.InvariantCulture) == id.Value;

    private static ExperimentId FormatExperimentId(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static GyreException ExperimentNotFound(ExperimentId id) => GyreException.NotFound($"No Experiment with id={id.Value} exists");

    private static GyreException RunNotFound(RunId id) => GyreException.NotFound($"Run with id={id.Value} not found");

    /// <summary>One tag per key, the last given value winning, in first-seen key order.</summary>
    private static List<Tag> LastWins(IEnumerable<Tag> tags)
    {
        var byKey = new Dictionary<string, Tag>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var tag in tags)
        {
            if (!byKey.ContainsKey(tag.Key))
            {
                order.Add(tag.Key);
            }

            byKey[tag.Key] = tag;
        }

        return order.Select(k => byKey[k]).ToList();
    }
}
