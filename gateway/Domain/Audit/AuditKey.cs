using System.Security.Cryptography;

namespace Gateway.Audit;

/// <summary>One key of the audit chain: the id written in every event it signs, and the HMAC-SHA256 it signs with.</summary>
public sealed class AuditKey
{
    /// <summary>The shortest key accepted: 256 bits, the size of the HMAC-SHA256 output.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _secret;

    public AuditKey(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumBytes)
        {
            throw new ArgumentException($"An audit chain key has at least {MinimumBytes} bytes.", nameof(secret));
        }

        _secret = secret;
        // A commitment to the key, not a hash of it: names the key in each event without helping anyone guess it.
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(secret, "gateway audit key id"u8)[..4]);
    }

    /// <summary>Eight hex digits naming the key, so verify knows which of the configured keys signed an event.</summary>
    public string Id { get; }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="content"/>.</summary>
    public string Sign(ReadOnlySpan<byte> content) => Convert.ToBase64String(HMACSHA256.HashData(_secret, content));

    /// <summary>The raw HMAC-SHA256 of <paramref name="content"/> into <paramref name="mac"/> (32 bytes), allocating nothing.</summary>
    public void Sign(ReadOnlySpan<byte> content, Span<byte> mac) => HMACSHA256.HashData(_secret, content, mac);

    /// <summary>Whether <paramref name="mac"/> is this key's HMAC of <paramref name="content"/> (compared in constant time).</summary>
    public bool Verifies(ReadOnlySpan<byte> content, string mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        Span<byte> given = stackalloc byte[32];
        if (!Convert.TryFromBase64String(mac, given, out var length) || length != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_secret, content, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>A key from its base64 text, or null with the reason.</summary>
    public static AuditKey? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return null;
        }

        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            error = "is not base64 (generate one with `openssl rand -base64 32`)";
            return null;
        }

        if (secret.Length < MinimumBytes)
        {
            error = $"is {secret.Length} bytes; at least {MinimumBytes} are needed (generate one with `openssl rand -base64 32`)";
            return null;
        }

        return new AuditKey(secret);
    }
}
