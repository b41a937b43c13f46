using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Notices.Webhooks;

/// <summary>
/// The webhook signature (the Stripe scheme): header <c>Gateway-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> where the hex is
/// HMAC-SHA256 with the endpoint's secret over <c>t + "." + body</c>. A receiver recomputes it over the raw body,
/// compares in constant time, and refuses a <c>t</c> outside its tolerance window (default five minutes) so a captured
/// request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Gateway-Signature";
    public const string EventIdHeader = "Gateway-Event-Id";
    public const string EventTypeHeader = "Gateway-Event-Type";

    /// <summary>The tolerance receivers should apply (and the one <see cref="Verify"/> uses by default).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>True when <paramref name="header"/> carries a v1 signature of <paramref name="body"/> made within the tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Ticks) > (tolerance ?? DefaultTolerance).Ticks)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Hex(string secret, string t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
