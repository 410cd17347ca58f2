using Gyre.Core;

namespace Gyre.Tuning;

/// <summary>
/// Records a running trial's heartbeat every interval on a timer until disposed. Stops by itself
/// when the storage says the trial is no longer running (another worker failed it as stale).
/// </summary>
internal sealed class TrialHeartbeat : IDisposable
{
    private readonly IStudyStorage _storage;
    private readonly long _studyId;
    private readonly int _trialNumber;
    private readonly Timer _timer;
    private int _beating;

    public TrialHeartbeat(IStudyStorage storage, long studyId, int trialNumber, TimeSpan interval)
    {
        _storage = storage;
        _studyId = studyId;
        _trialNumber = trialNumber;
        _timer = new Timer(_ => Beat(), null, interval, interval);
    }

    private void Beat()
    {
        if (Interlocked.Exchange(ref _beating, 1) == 1) return; // previous beat still in flight
        try
        {
            _storage.RecordHeartbeatAsync(_studyId, _trialNumber, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (GyreException ex) when (ex.Kind is ErrorKind.InvalidState or ErrorKind.NotFound)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
#pragma warning disable CA1031 // A timer callback must not throw; a missed beat is retried at the next tick.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
