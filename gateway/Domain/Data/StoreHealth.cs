namespace Gateway.Data;

/// <summary>
/// Whether the store can be relied on right now, as the last <see cref="StoreProbe"/> found it: the file is
/// there, can be written and is not held by another writer. While it is not, the request path admits no token
/// it has not verified within the cache's re-validation bound (fail closed).
/// </summary>
public sealed class StoreHealth
{
    private volatile string? _problem;

    public bool IsAvailable => _problem is null;

    /// <summary>Why the store is unavailable (for logs and /readyz), or null.</summary>
    public string? Problem => _problem;

    /// <summary>Records a probe's outcome; returns true when it changed the state.</summary>
    public bool Report(string? problem)
    {
        var before = _problem;
        _problem = problem;
        return (before is null) != (problem is null);
    }
}
