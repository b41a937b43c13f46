using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Tokens;

/// <summary>
/// The opaque token format of DESIGN §4: prefix + 32 base62 random characters + 6 base62 characters of
/// CRC32 over prefix+random. The checksum lets the gateway reject typos and garbage without a store lookup
/// (the same idea as GitHub's token format); it is not a security boundary, the SHA-256 lookup is.
/// </summary>
public sealed class TokenFormat
{
    public const int RandomLength = 32;
    public const int ChecksumLength = 6;
    public const int HintLength = 4;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public TokenFormat(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Prefix = prefix;
        Length = prefix.Length + RandomLength + ChecksumLength;
    }

    public string Prefix { get; }

    /// <summary>Total length of a token: 47 characters with the default <c>opt_live_</c> prefix.</summary>
    public int Length { get; }

    /// <summary>Creates a new token from <see cref="RandomNumberGenerator"/> (32 × log2(62) ≈ 190 bits).</summary>
    public string Generate()
    {
        var body = Prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return body + Checksum(body);
    }

    /// <summary>True when <paramref name="candidate"/> has the prefix, length, alphabet and checksum of a token.</summary>
    public bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = candidate[Prefix.Length..];
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        var body = candidate[..^ChecksumLength];
        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(body, expected);
        return candidate[^ChecksumLength..].SequenceEqual(expected);
    }

    /// <summary>SHA-256 of the whole token: the only form the store ever holds.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Base64 SHA-256, as GitHub's audit log shows a token: lets a team find a leaked token's use.</summary>
    /// <remarks>On every request: hashed from the stack (a pooled buffer for an oversized header), so only the answer allocates.</remarks>
    public static string HashForAudit(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var size = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var utf8 = size <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The display hint: prefix, an ellipsis and the last four characters.</summary>
    public string Hint(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Prefix + "…" + token[^HintLength..];
    }

    private static string Checksum(string body)
    {
        Span<char> chars = stackalloc char[ChecksumLength];
        WriteChecksum(body, chars);
        return new string(chars);
    }

    private static void WriteChecksum(ReadOnlySpan<char> body, Span<char> destination)
    {
        // The token is ASCII by construction (checked before this call for candidates).
        Span<byte> bytes = stackalloc byte[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            bytes[i] = (byte)body[i];
        }

        Span<byte> crc = stackalloc byte[4];
        Crc32.Hash(bytes, crc);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(crc);
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }
}
