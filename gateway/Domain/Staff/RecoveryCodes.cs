using System.Security.Cryptography;
using System.Text;

namespace Gateway.Staff;

/// <summary>
/// One-time MFA recovery codes: 16 characters from a 32-letter alphabet (80 random bits), shown as
/// <c>xxxx-xxxx-xxxx-xxxx</c>. Only SHA-256 is stored: with 80 bits, a stolen table cannot be searched for them.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => string.Join('-', RandomNumberGenerator.GetString(Alphabet, 16).Chunk(4).Select(c => new string(c))))];

    /// <summary>The hash of a code as typed: case, dashes and spaces do not matter.</summary>
    public static byte[] Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = new string([.. code.ToLowerInvariant().Where(c => c is not ('-' or ' '))]);
        return SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
    }

    /// <summary>Whether <paramref name="code"/> has the shape of a recovery code (never of a TOTP code).</summary>
    public static bool LooksLikeOne(string code) =>
        code.Count(c => c is not ('-' or ' ')) == 16;
}
