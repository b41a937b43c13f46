namespace Gateway.Sessions;

/// <summary>
/// Tells other instances that sessions ended, so they drop what their caches hold at once (a message only ever
/// causes a re-read of the store). Without one, other instances notice within <see cref="SessionCache.RevalidateAfter"/>.
/// </summary>
public interface ISessionBroadcast
{
    /// <summary>Sends the end; must not throw.</summary>
    Task PublishAsync(SessionEnd ended, CancellationToken cancellationToken);
}

/// <summary>Which sessions ended: some by key hash, and/or every session of a subject.</summary>
public sealed record SessionEnd(IReadOnlyList<byte[]> KeyHashes, SessionSubject? Subject = null);

/// <summary>The single-instance default: nothing to tell.</summary>
internal sealed class NoSessionBroadcast : ISessionBroadcast
{
    public Task PublishAsync(SessionEnd ended, CancellationToken cancellationToken) => Task.CompletedTask;
}
