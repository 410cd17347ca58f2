using Gyre.Data.Files;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// A file written as a stream of byte blocks to a temporary file next to the target, moved into place on
/// <see cref="CommitAsync"/>; disposing without a commit deletes the temporary file. Not thread-safe.
/// </summary>
internal sealed class AtomicByteSink : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private bool _committed;

    public AtomicByteSink(string path)
    {
        _path = Path.GetFullPath(path);
        _tempPath = AtomicFile.TempPathFor(_path);
        _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => _stream.WriteAsync(bytes, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken);
        await _stream.DisposeAsync();
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (!_committed)
        {
            File.Delete(_tempPath);
        }
    }
}
