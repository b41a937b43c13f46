namespace LegacyStub.Provider;

/// <summary>The provider's endpoint paths (discovery and JWKS stay at OpenIddict's defaults under /.well-known/).</summary>
internal static class ProviderRoutes
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string EndSession = "/connect/logout";
    public const string SignedOut = "/signed-out";
}
