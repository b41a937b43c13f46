using System.Net;
using Gateway.Audit;
using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>The audit event is a function of the decision record alone.</summary>
public sealed class RequestAuditEventTests
{
    private static readonly string[] Prefixes = ["opt_live_", "opt_admin_"];

    [Fact]
    public void From_AllowedForwardedRequest_EveryFieldFromTheRecord()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var decision = new RequestDecision(at)
        {
            RequestId = "r1", ClientIp = IPAddress.Parse("198.51.100.1"), Method = "GET", Path = "/api/v1/invoices", Query = "?page=2&token=opt_live_x",
            UserAgent = "sync/1.0", RouteId = "invoices", Status = 200, DurationMs = 3.5, Forwarded = true, UpstreamMilliseconds = 2.5,
            HashedToken = "aGFzaA==", Identity = new TokenIdentity { TokenId = 12, ClientId = 4 },
        };

        var e = RequestAuditEvent.From(decision, Prefixes, new SecretRedactor(Prefixes));

        Assert.Equal(
            (at, "r1", "198.51.100.1", "GET", "/api/v1/invoices?page=2&token=[redacted]", "invoices", "allowed", (string?)null, 12L, 4L, "aGFzaA==", 200, 200, 3.5, 2.5, "sync/1.0"),
            (e.Time, e.RequestId, e.ClientIp, e.Method, e.Path, e.RouteId, e.Decision, e.Reason, e.TokenId!.Value, e.ClientId!.Value, e.HashedToken, e.Status, e.UpstreamStatus!.Value, e.DurationMs, e.UpstreamDurationMs!.Value, e.UserAgent));
    }

    [Fact]
    public void From_Refused_ReasonAndPresentedTokenNoUpstreamStatus()
    {
        var decision = new RequestDecision(DateTimeOffset.UtcNow) { Method = "GET", Path = "/api/v1/me", Status = 401, Presented = new TokenIdentity { TokenId = 3, ClientId = 9 } };
        decision.Refuse(Refusal.RevokedToken);

        var e = RequestAuditEvent.From(decision, Prefixes, new SecretRedactor(Prefixes));

        Assert.Equal(("denied", "revoked_token", 3L, 9L, (int?)null), (e.Decision, e.Reason, e.TokenId!.Value, e.ClientId!.Value, e.UpstreamStatus));
    }

    [Fact]
    public void From_RefusedWithLongClientChosenFields_CutWithLengthAndHash()
    {
        var decision = new RequestDecision(DateTimeOffset.UtcNow) { Method = "GET", Path = "/" + new string('a', 999), Query = "", UserAgent = new string('b', 1000), Status = 404 };
        decision.Refuse(Refusal.NotFound);

        var e = RequestAuditEvent.From(decision, Prefixes, new SecretRedactor(Prefixes));

        Assert.StartsWith("/" + new string('a', 255) + "…[1000 chars, sha256:", e.Path, StringComparison.Ordinal);
        Assert.StartsWith(new string('b', 128) + "…[1000 chars, sha256:", e.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TokenInUserAgent_RedactedBeforeItIsCut()
    {
        var decision = new RequestDecision(DateTimeOffset.UtcNow) { Method = "GET", Path = "/api/v1/me", UserAgent = new string('b', 120) + " opt_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Status = 401 };
        decision.Refuse(Refusal.MissingToken);

        var e = RequestAuditEvent.From(decision, Prefixes, new SecretRedactor(Prefixes));

        Assert.DoesNotContain("opt_live_A", e.UserAgent, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAA", e.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void Cap_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 9) + "😀" + "tail";

        var capped = AuditText.Cap(text, 10);

        Assert.StartsWith(new string('a', 9) + "…", capped, StringComparison.Ordinal);
    }
}
