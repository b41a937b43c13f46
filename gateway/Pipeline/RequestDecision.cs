using System.Diagnostics;
using System.Net;
using Gateway.RateLimiting;
using Gateway.Tokens;

namespace Gateway.Pipeline;

/// <summary>
/// The one record of what the gateway decided about a public request, as YARP keeps one <c>IReverseProxyFeature</c>
/// per request: each step of the request path writes what it found here, every refusal goes through
/// <see cref="Refusals"/>, and when the answer is done the audit event (and everything else that looks back at the
/// request) is built from this record alone.
/// </summary>
public sealed class RequestDecision
{
    public RequestDecision(DateTimeOffset receivedAt)
    {
        ReceivedAt = receivedAt;
        Started = Stopwatch.GetTimestamp();
    }

    /// <summary>When the request arrived (the audit event's time).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Stopwatch timestamp of arrival, for the duration.</summary>
    public long Started { get; }

    /// <summary>Base64 SHA-256 of the credential presented (never the credential), when one could be read.</summary>
    public string? HashedToken { get; set; }

    /// <summary>The stored token the credential named, even when revoked or expired (for the audit log).</summary>
    public TokenIdentity? Presented { get; set; }

    /// <summary>The authenticated token; set only when authentication succeeded.</summary>
    public TokenIdentity? Identity { get; set; }

    /// <summary>What authentication found wrong; the challenge answers with it.</summary>
    public Refusal? AuthenticationFailure { get; set; }

    /// <summary>The refusal this request got, or null when it was allowed.</summary>
    public Refusal? Refusal { get; private set; }

    /// <summary>The token window this request counted against, as the limiter's lease reported it.</summary>
    public LimitSnapshot? Limit { get; set; }

    /// <summary>True once the request was handed to the forwarder.</summary>
    public bool Forwarded { get; set; }

    /// <summary>How long forwarding took, when it was tried.</summary>
    public double? UpstreamMilliseconds { get; set; }

    /// <summary>The gateway's request id (<c>X-Request-Id</c>).</summary>
    public string RequestId { get; set; } = "";

    /// <summary>The client address after trusted forwarded headers, one spelling per client (<see cref="ClientAddress"/>).</summary>
    public IPAddress? ClientIp { get; set; }

    public string Method { get; set; } = "";

    /// <summary>Path as it came (URI-encoded), before any redaction.</summary>
    public string Path { get; set; } = "";

    /// <summary>Query string as it came (with its <c>?</c>), before any redaction; empty when none.</summary>
    public string Query { get; set; } = "";

    public string? UserAgent { get; set; }

    /// <summary>The yarp.json route that matched, if any.</summary>
    public string? RouteId { get; set; }

    /// <summary>The status of the answer.</summary>
    public int Status { get; set; }

    /// <summary>Time from arrival to answer.</summary>
    public double DurationMs { get; set; }

    /// <summary>The answer came from the backend (its own status, whatever it is).</summary>
    public int? UpstreamStatus => Forwarded && Refusal is null ? Status : null;

    /// <summary>An unauthenticated refusal the request itself caused: it counts against the client address.</summary>
    public bool CountsAgainstAddress => Refusal is { ClientFault: true } && Identity is null;

    /// <summary>Records the refusal; the first one stands (a later step cannot rewrite why the request was refused).</summary>
    public void Refuse(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Refusal ??= refusal;
    }

    /// <summary>The request's record, created on first use (steps may run without the decision step, e.g. in unit tests).</summary>
    public static RequestDecision Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Features.Get<RequestDecision>();
        if (decision is null)
        {
            decision = new RequestDecision(DateTimeOffset.UtcNow);
            context.Features.Set(decision);
        }

        return decision;
    }
}
