using System.Diagnostics;
using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

public sealed class KnownTokensTests
{
    private static readonly TokenFormat Format = new("opt_live_");

    [Fact]
    public void Remember_LiveThenRevoked_KnownThenNot()
    {
        var known = new KnownTokens(capacity: 10);
        var hash = TokenFormat.HashForAudit(Format.Generate());

        known.Remember(hash, live: true, Stopwatch.GetTimestamp());
        Assert.True(known.Contains(hash));

        known.Remember(hash, live: false, Stopwatch.GetTimestamp());
        Assert.False(known.Contains(hash));
    }

    [Fact]
    public void Remember_SeenLongerAgoThanKnownFor_NotKnown()
    {
        var known = new KnownTokens(capacity: 10);
        var hash = TokenFormat.HashForAudit(Format.Generate());

        known.Remember(hash, live: true, Stopwatch.GetTimestamp() - (long)(KnownTokens.KnownFor.TotalSeconds * Stopwatch.Frequency) - Stopwatch.Frequency);

        Assert.False(known.Contains(hash));
    }

    [Fact]
    public void Remember_Full_NewTokenNotKeptOldOnesStay()
    {
        var known = new KnownTokens(capacity: 3);
        var kept = Enumerable.Range(0, 3).Select(_ => TokenFormat.HashForAudit(Format.Generate())).ToList();
        kept.ForEach(hash => known.Remember(hash, live: true, Stopwatch.GetTimestamp()));
        var extra = TokenFormat.HashForAudit(Format.Generate());

        known.Remember(extra, live: true, Stopwatch.GetTimestamp());

        Assert.All(kept, hash => Assert.True(known.Contains(hash)));
        Assert.False(known.Contains(extra));
    }
}
