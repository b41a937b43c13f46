using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Portal;

/// <summary>id_tokens an attacker could write: unsigned (<c>alg: none</c>), signed with the attacker's own key, from another issuer, expired.</summary>
public static class ForgedIdToken
{
    public static string Create(string issuer, string audience, string subject, string? nonce, string alg = "RS256", TimeSpan? age = null, bool sign = true)
    {
        var now = DateTimeOffset.UtcNow - (age ?? TimeSpan.Zero);
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = "attacker" };
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["nonce"] = nonce,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
            ["auth_time"] = now.ToUnixTimeSeconds(),
        };
        var unsigned = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        if (!sign || alg == "none")
        {
            return unsigned + ".";
        }

        using var key = RSA.Create(2048);
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
