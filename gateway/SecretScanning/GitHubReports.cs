using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Tokens;

namespace Gateway.SecretScanning;

/// <summary>
/// Handles one report from GitHub's secret-scanning partner program: checks the ECDSA P-256/SHA-256 signature over
/// the raw body with the key GitHub names, then for each reported string checks format and checksum (no store lookup
/// for garbage), looks it up by SHA-256 and revokes a token of ours as leaked. Refused reports change nothing.
/// Every report is audited (never a token: hashes only).
/// </summary>
public sealed class GitHubReports(GitHubKeys keys, TokenFormat format, TokenLeaks leaks, IStaffAuditLog audit)
{
    public const string KeyIdHeader = "Github-Public-Key-Identifier";
    public const string SignatureHeader = "Github-Public-Key-Signature";

    /// <summary>The actor of revocations made from reports.</summary>
    public const string Actor = "system:secret-scanning";

    public const string Reporter = "GitHub secret scanning";

    private static readonly JsonSerializerOptions Json = new() { AllowTrailingCommas = false, MaxDepth = 8 };

    public async Task<ReportOutcome> HandleAsync(string? keyId, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(keyId) || keyId.Length > 200 || string.IsNullOrWhiteSpace(signature) || signature.Length > 400)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "missing_signature", keyId, body.Length);
        }

        var (lookup, key) = await keys.FindAsync(keyId, cancellationToken);
        if (lookup == KeyLookup.Unavailable)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "keys_unavailable", keyId, body.Length);
        }

        if (key is null)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "unknown_key", keyId, body.Length);
        }

        if (!Verifies(key, signature, body))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "bad_signature", keyId, body.Length);
        }

        List<ReportedMatch>? matches;
        try
        {
            matches = JsonSerializer.Deserialize<List<ReportedMatch>>(body, Json);
        }
        catch (JsonException)
        {
            matches = null;
        }

        if (matches is null || matches.Count == 0 || matches.Any(m => m is null || m.Token is null))
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed_body", keyId, body.Length);
        }

        var labels = new List<MatchLabel>(matches.Count);
        var findings = new List<object>(matches.Count);
        foreach (var match in matches)
        {
            var (label, tokenId, outcome) = await LabelAsync(match, cancellationToken);
            labels.Add(new MatchLabel(Convert.ToHexStringLower(TokenFormat.Hash(match.Token!)), match.Type ?? "", label));
            findings.Add(new { HashedToken = TokenFormat.HashForAudit(match.Token!), match.Type, match.Url, match.Source, Label = label, TokenId = tokenId, Outcome = outcome });
        }

        audit.Record(new StaffAction("secret_scanning.report", Actor, "github", After: new { KeyId = keyId, Matches = findings }, Outcome: "accepted"));
        return ReportOutcome.Answered(labels);
    }

    private async Task<(string Label, long? TokenId, string Outcome)> LabelAsync(ReportedMatch match, CancellationToken cancellationToken)
    {
        if (!format.IsWellFormed(match.Token))
        {
            return (MatchLabel.FalsePositive, null, "malformed");
        }

        var result = await leaks.RevokeAsync(TokenFormat.Hash(match.Token!), match.Url, match.Source, Reporter, Actor, cancellationToken);
        return result.Outcome switch
        {
            LeakOutcome.Revoked => (MatchLabel.TruePositive, result.Token!.Id, "revoked"),
            LeakOutcome.AlreadyRevoked => (MatchLabel.TruePositive, result.Token!.Id, "already_revoked"),
            _ => (MatchLabel.FalsePositive, null, "unknown"),
        };
    }

    private static bool Verifies(ECDsa key, string signature, byte[] body)
    {
        var der = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature.Trim(), der, out var length))
        {
            return false;
        }

        try
        {
            return key.VerifyData(body, der.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Records a refused report (nothing was revoked) and returns the refusal.</summary>
    public ReportOutcome Refuse(int status, string reason, string? keyId, long bodyBytes)
    {
        audit.Record(new StaffAction("secret_scanning.report", Actor, "github",
            After: new { KeyId = keyId is { Length: > 100 } ? keyId[..100] : keyId, BodyBytes = bodyBytes }, Outcome: reason));
        return ReportOutcome.Refused(status, reason);
    }
}
