using Gateway.Audit;
using Gateway.Data;
using Gateway.Notices;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tokens;

/// <summary>
/// Revokes tokens that were found in public (a secret-scanning report), by the SHA-256 the store holds. A token
/// service like <see cref="TokenService"/>: the revocation is cached, broadcast, audited and notified as any other.
/// </summary>
public sealed class TokenLeaks(
    IDbContextFactory<GatewayDbContext> db,
    TokenChanges changes,
    TokenLifetime lifetime,
    TokenViews views,
    IStaffAuditLog audit,
    NoticeEvents events)
{
    /// <summary>The longest leak URL kept; longer ones are cut (the audit event has the report's own copy).</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Revokes the token with this SHA-256 as <c>leaked</c>, noting where it was found.</summary>
    public async Task<LeakResult> RevokeAsync(byte[] hash, string? url, string? source, string reporter, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(reporter);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var token = await context.Tokens.Include(t => t.Roles).SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return new LeakResult(LeakOutcome.Unknown, null);
        }

        var before = views.ToView(token);
        var where = string.IsNullOrWhiteSpace(source) ? "" : $" ({source.Trim()})";
        if (!TokenRules.Revoke(token, lifetime.UtcNow, actor, $"Leaked: found in public by {reporter}{where}.", RevokeKinds.Leaked))
        {
            return new LeakResult(LeakOutcome.AlreadyRevoked, before);
        }

        token.LeakedUrl = string.IsNullOrWhiteSpace(url) ? null : url.Trim()[..Math.Min(url.Trim().Length, MaxUrlLength)];
        var after = views.ToView(token);
        events.Add(context, NoticeEventTypes.TokenLeaked, after, actor, new { Url = token.LeakedUrl, Source = source, Reporter = reporter });
        await context.SaveChangesAsync(cancellationToken);
        events.Committed();
        // On every instance within the bound (DESIGN §7): this one at once, the others by broadcast or re-validation.
        await changes.TokenChangedAsync(token.TokenHash, CancellationToken.None);
        audit.Record(new StaffAction("token.leaked", actor, $"token:{token.Id}", before, after));
        return new LeakResult(LeakOutcome.Revoked, after);
    }
}
