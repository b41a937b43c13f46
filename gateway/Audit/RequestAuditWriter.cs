using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Writes the one audit event of each public request (and its metrics), built from its <see cref="RequestDecision"/>;
/// the request is done once its event is in the file.
/// </summary>
public sealed class RequestAuditWriter(AuditLog audit, GatewayMetrics metrics, IOptions<TokenOptions> tokens, SecretRedactor redactor) : IRequestDecisionObserver
{
    private readonly string[] _tokenPrefixes = [tokens.Value.Prefix, Gateway.Staff.AdminKeyService.Prefix];

    public ValueTask CompletedAsync(RequestDecision decision)
    {
        var e = RequestAuditEvent.From(decision, _tokenPrefixes, redactor);
        metrics.Request(e);
        return audit.WriteAsync(e);
    }
}
