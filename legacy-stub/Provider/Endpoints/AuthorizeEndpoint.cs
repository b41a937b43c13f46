using LegacyStub.Provider.Pages;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider.Endpoints;

/// <summary>
/// The authorization endpoint, reached only once OpenIddict has validated the request (client, redirect URI,
/// PKCE challenge, scopes). A provider session answers silently unless prompt=login or max_age asks for a
/// fresh password check; otherwise the sign-in form, whose POST comes back here.
/// </summary>
internal static partial class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, AccountDirectory accounts, IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications, TimeProvider time, ILogger<OidcProvider> logger)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand over the authorization request.");
        var applicationName = await DisplayNameAsync(applications, request.ClientId!);

        if (await FormFields.IsSubmissionAsync(context.Request))
        {
            return await SubmitAsync(context, request, accounts, antiforgery, applicationName, time, logger);
        }

        var session = await ProviderSession.ReadAsync(context);
        var account = session is { } current && !MustReauthenticate(request, current.AuthTime, time.GetUtcNow())
            ? accounts.FindBySubject(current.Subject)
            : null;
        if (account is not null)
        {
            return ProtocolResults.Issue(TokenIdentity.Create(account, session!.Value.AuthTime, request.GetScopes()));
        }

        return request.HasPromptValue(PromptValues.None)
            ? ProtocolResults.Refuse(Errors.LoginRequired, "The client has to sign in.")
            : LoginPage.Render(context, antiforgery, applicationName, request.LoginHint, error: null);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, OpenIddictRequest request, AccountDirectory accounts, IAntiforgery antiforgery,
        string applicationName, TimeProvider time, ILogger logger)
    {
        var form = context.Request.Form;
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return LoginPage.Render(context, antiforgery, applicationName, form[FormFields.Email], LoginPage.Expired,
                StatusCodes.Status400BadRequest);
        }

        if (form[FormFields.Action] == FormFields.Cancel)
        {
            Log.Cancelled(logger, request.ClientId);
            return ProtocolResults.Refuse(Errors.AccessDenied, "The client cancelled the sign-in.");
        }

        var account = accounts.Verify(form[FormFields.Email], form[FormFields.Password]);
        if (account is null)
        {
            Log.WrongCredentials(logger, request.ClientId);
            return LoginPage.Render(context, antiforgery, applicationName, form[FormFields.Email], LoginPage.WrongCredentials);
        }

        var now = time.GetUtcNow();
        await ProviderSession.SignInAsync(context, account, now);
        Log.SignedIn(logger, account.ClientId, request.ClientId);
        return ProtocolResults.Issue(TokenIdentity.Create(account, now, request.GetScopes()));
    }

    // max_age=0 always asks again (OpenID Connect Core 3.1.2.1: it equals prompt=login).
    private static bool MustReauthenticate(OpenIddictRequest request, DateTimeOffset authTime, DateTimeOffset now) =>
        request.HasPromptValue(PromptValues.Login)
        || (request.MaxAge is { } maxAge && now - authTime >= TimeSpan.FromSeconds(maxAge));

    private static async Task<string> DisplayNameAsync(IOpenIddictApplicationManager applications, string clientId)
    {
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException("OpenIddict validated a client the store does not hold.");
        return await applications.GetLocalizedDisplayNameAsync(application) ?? clientId;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Client {ClientId} signed in for relying party {RelyingParty}.")]
        public static partial void SignedIn(ILogger logger, long clientId, string? relyingParty);

        [LoggerMessage(2, LogLevel.Information, "Sign-in for relying party {RelyingParty} refused: wrong e-mail or password.")]
        public static partial void WrongCredentials(ILogger logger, string? relyingParty);

        [LoggerMessage(3, LogLevel.Information, "Sign-in for relying party {RelyingParty} cancelled at the form.")]
        public static partial void Cancelled(ILogger logger, string? relyingParty);
    }
}
