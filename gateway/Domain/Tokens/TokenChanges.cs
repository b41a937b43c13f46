namespace Gateway.Tokens;

/// <summary>
/// Tells other gateway instances that tokens changed, so they drop what their caches hold (never what to admit:
/// a message only ever causes a re-read of the store). Without one configured, nothing is sent and every instance
/// still re-validates within <see cref="TokenOptions.CacheRevalidateAfter"/>.
/// </summary>
public interface ITokenChangeBroadcast
{
    /// <summary>Sends the change; must not throw (a lost message costs at most the re-validation bound).</summary>
    Task PublishAsync(TokenChange change, CancellationToken cancellationToken);
}

/// <summary>Which cache entries a change affects: some tokens (by SHA-256) or all of them (a role changed).</summary>
public sealed record TokenChange(IReadOnlyList<byte[]> Hashes, bool All = false)
{
    public static TokenChange Everything { get; } = new([], All: true);
}

/// <summary>The single-instance default: nothing to tell.</summary>
internal sealed class NoTokenChangeBroadcast : ITokenChangeBroadcast
{
    public Task PublishAsync(TokenChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>After every change to a token or role: drop this instance's cache entries, then tell the others.</summary>
public sealed class TokenChanges(TokenCache cache, ITokenChangeBroadcast broadcast)
{
    public Task TokensChangedAsync(IReadOnlyList<byte[]> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var hash in hashes)
        {
            cache.Invalidate(hash);
        }

        return broadcast.PublishAsync(new TokenChange(hashes), cancellationToken);
    }

    public Task TokenChangedAsync(byte[] hash, CancellationToken cancellationToken = default) =>
        TokensChangedAsync([hash], cancellationToken);

    public Task AllChangedAsync(CancellationToken cancellationToken = default)
    {
        cache.InvalidateAll();
        return broadcast.PublishAsync(TokenChange.Everything, cancellationToken);
    }
}
