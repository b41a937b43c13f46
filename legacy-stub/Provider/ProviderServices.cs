using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider;

/// <summary>Registers the provider: OpenIddict's server on EF Core stores, the session cookie, antiforgery, in-memory keys.</summary>
internal static class ProviderServices
{
    public static IServiceCollection AddStubProvider(this IServiceCollection services, string connectionString, AccountDirectory accounts)
    {
        services.AddSingleton(accounts);
        services.AddSingleton<ProviderIssuer>();
        services.AddSingleton(TimeProvider.System);
        services.AddRouting();

        services.AddDataProtection().SetApplicationName("legacy-stub-provider");
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new MemoryXmlRepository();
            // The keys never leave memory, so there is nothing to encrypt them against.
            options.XmlEncryptor = new NullXmlEncryptor();
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "__Host-stub-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.FormFieldName = Pages.FormFields.Antiforgery;
        });
        services.AddAuthentication().AddCookie(ProviderSession.Scheme, ProviderSession.Configure);

        services.AddDbContext<ProviderDbContext>(options => options.UseSqlite(connectionString).UseOpenIddict());
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(ProviderRoutes.Authorize)
                    .SetTokenEndpointUris(ProviderRoutes.Token)
                    .SetUserInfoEndpointUris(ProviderRoutes.UserInfo)
                    .SetEndSessionEndpointUris(ProviderRoutes.EndSession);

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // "plain" would let a stolen authorization request's challenge serve as the verifier.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                options.RegisterClaims(
                    Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, Claims.GivenName, Claims.FamilyName,
                    Claims.AuthenticationTime);

                // Made at every start and held in memory only: no key material on disk or in the repository.
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Access tokens stay signed JWTs a relying party (or a test) can read; codes remain encrypted.
                options.DisableAccessTokenEncryption();

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<ProviderIssuer>((options, issuer) => options.Issuer = issuer.Value);
        return services;
    }
}
