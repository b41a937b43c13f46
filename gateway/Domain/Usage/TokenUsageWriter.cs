using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Usage;

/// <summary>
/// Adds a flush's tallies to the usage history: one query per table loads the rows the batch touches, then counts
/// are added to them (earliest first-seen, latest last-seen) or new rows are added, for the caller's SaveChanges.
/// Plain EF rather than a provider's upsert, so it runs the same on SQLite and PostgreSQL.
/// </summary>
internal static class TokenUsageWriter
{
    /// <param name="tallies">Tallies of tokens that exist; a deleted token's rows would break the foreign key.</param>
    public static async Task StageAsync(GatewayDbContext context, IReadOnlyDictionary<long, TokenUsageTally> tallies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tallies);
        if (tallies.Count == 0)
        {
            return;
        }

        // One array-like parameter however large the batch (EF 10 would otherwise expand one parameter per id).
        var tokenIds = tallies.Keys.ToList();
        await StageDaysAsync(context, tallies, tokenIds, cancellationToken);
        await StageClientIpsAsync(context, tallies, tokenIds, cancellationToken);
    }

    private static async Task StageDaysAsync(GatewayDbContext context, IReadOnlyDictionary<long, TokenUsageTally> tallies, List<long> tokenIds, CancellationToken cancellationToken)
    {
        var firstDay = tallies.Values.SelectMany(t => t.Days.Keys).Min();
        var existing = await context.TokenUsageDays
            .Where(d => EF.Parameter(tokenIds).Contains(d.TokenId) && d.Day >= firstDay)
            .ToDictionaryAsync(d => (d.TokenId, d.Day), cancellationToken);
        foreach (var (tokenId, tally) in tallies)
        {
            foreach (var (day, requests) in tally.Days)
            {
                if (existing.TryGetValue((tokenId, day), out var row))
                {
                    row.Requests += requests;
                }
                else
                {
                    context.TokenUsageDays.Add(new TokenUsageDay { TokenId = tokenId, Day = day, Requests = requests });
                }
            }
        }
    }

    private static async Task StageClientIpsAsync(GatewayDbContext context, IReadOnlyDictionary<long, TokenUsageTally> tallies, List<long> tokenIds, CancellationToken cancellationToken)
    {
        var seen = tallies
            .SelectMany(t => t.Value.ClientIps.Select(c => (TokenId: t.Key, Ip: c.Key.ToString(), Tally: c.Value)))
            .ToList();
        if (seen.Count == 0)
        {
            return;
        }

        var ips = seen.Select(s => s.Ip).Distinct().ToList();
        var existing = await context.TokenClientIps
            .Where(c => EF.Parameter(tokenIds).Contains(c.TokenId) && EF.Parameter(ips).Contains(c.Ip))
            .ToDictionaryAsync(c => (c.TokenId, c.Ip), cancellationToken);
        foreach (var (tokenId, ip, tally) in seen)
        {
            if (existing.TryGetValue((tokenId, ip), out var row))
            {
                row.FirstSeen = tally.FirstSeen < row.FirstSeen ? tally.FirstSeen : row.FirstSeen;
                row.LastSeen = tally.LastSeen > row.LastSeen ? tally.LastSeen : row.LastSeen;
                row.Requests += tally.Requests;
            }
            else
            {
                context.TokenClientIps.Add(new TokenClientIp
                {
                    TokenId = tokenId,
                    Ip = ip,
                    FirstSeen = tally.FirstSeen,
                    LastSeen = tally.LastSeen,
                    Requests = tally.Requests,
                });
            }
        }
    }
}
