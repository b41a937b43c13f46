namespace LegacyStub.Provider;

/// <summary>
/// The issuer, known only once Kestrel has bound its port (port 0 picks one). OpenIddict reads its options
/// per request, so the options are configured from here and rebuilt once the value is set, before the first request.
/// </summary>
internal sealed class ProviderIssuer
{
    public Uri? Value { get; set; }
}
