using LegacyStub.Provider;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LegacyStub.Tests.Provider;

/// <summary>Validates tokens the way a relying party's library does: keys from the JWKS named by discovery, over HTTPS.</summary>
public static class IdTokens
{
    public static async Task<OpenIdConnectConfiguration> DiscoverAsync(OidcProvider provider)
    {
        using var http = new HttpClient(provider.CreateTrustingHandler());
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            provider.DiscoveryUri.ToString(), new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http) { RequireHttps = true });
        return await manager.GetConfigurationAsync(CancellationToken.None);
    }

    /// <summary>Signature (RS256 only), issuer, audience and lifetime checked; the nonce compared; the token returned.</summary>
    public static async Task<JsonWebToken> ValidateAsync(OidcProvider provider, string token, string audience, string? nonce)
    {
        var configuration = await DiscoverAsync(provider);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        if (nonce is not null)
        {
            Assert.Equal(nonce, jwt.GetClaim("nonce").Value);
        }

        return jwt;
    }
}
