using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Data.Files;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// The scheduler's durable memory in one folder: <c>arms/</c> (each trigger's <see cref="TriggerArm"/>, one file
/// each, written once) and <c>claims/</c>, one file per event that started a run. A claim is taken by creating its file
/// exclusively, which succeeds for one caller only, across threads and processes: that is what guarantees a trigger
/// never starts the same pipeline twice for one event, even with several schedulers on one workspace. A claim is
/// taken just before its run starts; a crash between the two loses that run rather than doubling it.
/// </summary>
public sealed class TriggerLedger
{
    private readonly string _folder;

    public TriggerLedger(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "claims"));
    }

    /// <summary>
    /// The arm of <paramref name="triggerKey"/>, creating it (at <paramref name="now"/>, with <paramref name="auditSequence"/>)
    /// on first sight. The first writer wins, across processes: the file is moved into place only if absent.
    /// </summary>
    /// <exception cref="GyreException">Corrupt when the arm's file is unreadable (naming it).</exception>
    public async Task<TriggerArm> ArmAsync(string triggerKey, DateTimeOffset now, Func<CancellationToken, Task<long>> auditSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditSequence);
        var path = Path.Combine(_folder, "arms", triggerKey + ".json");
        if (!File.Exists(path))
        {
            var arm = new TriggerArm(now, await auditSequence(cancellationToken)) { IsNew = true };
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = AtomicFile.TempPathFor(path);
            await File.WriteAllTextAsync(temp, new JsonObject { ["armed_at"] = arm.ArmedAt.ToUnixTimeMilliseconds(), ["audit_sequence"] = arm.AuditSequence }.ToJsonString(), cancellationToken);
            try
            {
                File.Move(temp, path, overwrite: false);
                return arm;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        try
        {
            var known = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
            return new TriggerArm(DateTimeOffset.FromUnixTimeMilliseconds((long)known["armed_at"]!), (long)known["audit_sequence"]!);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw GyreException.Corrupt($"{path}: a trigger's scheduler state is unreadable ({error.Message}); delete it to re-arm the trigger from now.");
        }
    }

    /// <summary>Forgets the arm of <paramref name="triggerKey"/>: the next tick arms it afresh, so earlier events are ignored. Claims stay.</summary>
    public void Disarm(string triggerKey)
    {
        var path = Path.Combine(_folder, "arms", triggerKey + ".json");
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Whether <paramref name="triggered"/> already started a run of <paramref name="pipeline"/> by <paramref name="triggerKey"/>.</summary>
    public bool IsClaimed(string pipeline, string triggerKey, TriggerEvent triggered) => File.Exists(ClaimPath(pipeline, triggerKey, triggered));

    /// <summary>Claims the event for one run; false when it was claimed before (by anyone).</summary>
    public bool TryClaim(string pipeline, string triggerKey, TriggerEvent triggered, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(triggered);
        try
        {
            using var file = new FileStream(ClaimPath(pipeline, triggerKey, triggered), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(Encoding.UTF8.GetBytes(Claim(pipeline, triggerKey, triggered, now, null, null).ToJsonString()));
            return true;
        }
        catch (IOException) when (IsClaimed(pipeline, triggerKey, triggered))
        {
            return false;
        }
    }

    /// <summary>Adds the run it started and how the run ended to a claim (the claim stays taken).</summary>
    public Task RecordRunAsync(string pipeline, string triggerKey, TriggerEvent triggered, DateTimeOffset claimedAt, string? runId, string outcome, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(ClaimPath(pipeline, triggerKey, triggered), Claim(pipeline, triggerKey, triggered, claimedAt, runId, outcome).ToJsonString(), cancellationToken);

    private static JsonObject Claim(string pipeline, string triggerKey, TriggerEvent triggered, DateTimeOffset at, string? runId, string? outcome) => new()
    {
        ["pipeline"] = pipeline,
        ["trigger"] = triggerKey,
        ["event"] = triggered.Id,
        ["description"] = triggered.Description,
        ["claimed_at"] = at.ToUnixTimeMilliseconds(),
        ["run_id"] = runId,
        ["outcome"] = outcome,
    };

    private string ClaimPath(string pipeline, string triggerKey, TriggerEvent triggered) => Path.Combine(
        _folder, "claims", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pipeline}\n{triggerKey}\n{triggered.Id}")), 0, 16) + ".json");
}
