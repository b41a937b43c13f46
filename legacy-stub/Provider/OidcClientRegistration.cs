namespace LegacyStub.Provider;

/// <summary>
/// One relying party registered at the provider: a confidential client using the authorization code flow
/// with PKCE. Redirect URIs are compared exactly, as OpenID Connect requires.
/// </summary>
public sealed record OidcClientRegistration
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required IReadOnlyList<Uri> RedirectUris { get; init; }

    /// <summary>Where end-session may send the browser back to; empty means nowhere (the provider shows its own page).</summary>
    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>The name the login form shows ("to continue to …"); null shows the client id.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first missing or malformed field, never its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ArgumentException("A registered client needs a client id.");
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            throw new ArgumentException($"Client {ClientId} needs a client secret.");
        }

        if (RedirectUris is null || RedirectUris.Count == 0)
        {
            throw new ArgumentException($"Client {ClientId} needs at least one redirect URI.");
        }

        foreach (var uri in RedirectUris.Concat(PostLogoutRedirectUris ?? []))
        {
            if (!IsUsable(uri))
            {
                throw new ArgumentException(
                    $"Client {ClientId} has a redirect URI that is not an absolute http(s) URI without a fragment.");
            }
        }
    }

    private static bool IsUsable(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Fragment.Length == 0;
}
