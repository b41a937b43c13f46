using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LegacyStub.Tests.Provider;

/// <summary>An authorization request as a relying party sends it; every protocol choice can be overridden by a test.</summary>
public sealed record AuthorizationRequest(RelyingParty Party)
{
    public Pkce Pkce { get; init; } = Pkce.Create();

    public string State { get; init; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public string Nonce { get; init; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public string Scope { get; init; } = "openid profile email";

    public string ClientId { get; init; } = Party.ClientId;

    public Uri RedirectUri { get; init; } = Party.RedirectUri;

    /// <summary>null sends no code_challenge at all.</summary>
    public string? ChallengeMethod { get; init; } = "S256";

    public string? Prompt { get; init; }

    public int? MaxAge { get; init; }

    public string? LoginHint { get; init; }

    /// <summary>null leaves the default (query); ASP.NET Core's OpenID Connect handler sends form_post.</summary>
    public string? ResponseMode { get; init; }

    public string PathAndQuery
    {
        get
        {
            var parameters = new List<(string, string?)>
            {
                ("client_id", ClientId),
                ("redirect_uri", RedirectUri.ToString()),
                ("response_type", "code"),
                ("scope", Scope),
                ("state", State),
                ("nonce", Nonce),
                ("code_challenge", ChallengeMethod is null ? null : ChallengeMethod == "plain" ? Pkce.Verifier : Pkce.Challenge),
                ("code_challenge_method", ChallengeMethod),
                ("prompt", Prompt),
                ("max_age", MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("login_hint", LoginHint),
                ("response_mode", ResponseMode),
            };
            return "connect/authorize?" + string.Join('&', parameters
                .Where(p => p.Item2 is not null)
                .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2!)}"));
        }
    }
}
