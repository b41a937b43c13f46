using System.Security.Cryptography;
using System.Text;
using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

public sealed class TokenFormatTests
{
    private readonly TokenFormat _format = new("opt_live_");

    [Fact]
    public void Generate_DefaultPrefix_Is47Base62CharactersWithPrefix()
    {
        var token = _format.Generate();

        Assert.Equal(47, token.Length);
        Assert.StartsWith("opt_live_", token, StringComparison.Ordinal);
        Assert.All(token["opt_live_".Length..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.True(_format.IsWellFormed(token));
    }

    [Fact]
    public void Generate_ManyTokens_AreDistinct()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => _format.Generate()).ToHashSet();

        Assert.Equal(2000, tokens.Count);
    }

    [Fact]
    public void IsWellFormed_AnyCharacterChanged_IsRejected()
    {
        var token = _format.Generate();
        for (var i = "opt_live_".Length; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'a' ? 'b' : 'a';

            Assert.False(_format.IsWellFormed(new string(chars)), $"tampered at {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("opt_live_")]
    [InlineData("opt_live_abc123")]
    [InlineData("opt_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("OPT_LIVE_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("opt_admin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_WrongShapeOrPrefix_IsRejected(string candidate)
    {
        Assert.False(_format.IsWellFormed(candidate));
    }

    [Fact]
    public void IsWellFormed_ShortLongOrForeignCharacters_IsRejected()
    {
        var token = _format.Generate();

        Assert.False(_format.IsWellFormed(token.AsSpan(0, token.Length - 1)));
        Assert.False(_format.IsWellFormed(token + "A"));
        Assert.False(_format.IsWellFormed(token[..^7] + "-" + token[^6..]));
        Assert.False(_format.IsWellFormed(token[..^7] + "é" + token[^6..]));
        Assert.False(_format.IsWellFormed(string.Concat(" ", token.AsSpan(1))));
    }

    [Fact]
    public void IsWellFormed_CustomPrefix_UsesThatPrefix()
    {
        var format = new TokenFormat("acme_");
        var token = format.Generate();

        Assert.Equal("acme_".Length + 38, token.Length);
        Assert.True(format.IsWellFormed(token));
        Assert.False(_format.IsWellFormed(token));
    }

    [Fact]
    public void Hash_Token_IsSha256OfUtf8()
    {
        var token = _format.Generate();

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), TokenFormat.Hash(token));
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))), TokenFormat.HashForAudit(token));
    }

    [Theory]
    [InlineData(84)]
    [InlineData(85)]
    [InlineData(8000)]
    public void HashForAudit_AnyCredentialLength_IsBase64Sha256OfUtf8(int length)
    {
        // Whatever a client sends is hashed for the audit log, before the format check: short ones on the stack, long
        // (and multi-byte) ones in a pooled buffer; the 256-byte boundary falls between 84 and 85 characters.
        var credential = new string('€', length);

        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(credential))), TokenFormat.HashForAudit(credential));
    }

    [Fact]
    public void Hint_Token_ShowsPrefixAndLastFour()
    {
        var token = _format.Generate();

        Assert.Equal("opt_live_…" + token[^4..], _format.Hint(token));
    }
}
